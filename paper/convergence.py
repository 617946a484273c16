"""Convergence of one T_f's numbers with exploration effort (issue 14): minima, double wells and active
TLS per glass, and n0 (both estimators of tls-density), as functions of the runs explored per glass.

Effort k means: the first k isoconfigurational runs of every glass (a glass that stopped earlier
contributes all its runs). A double well belongs to effort k when its pair was available after k
runs: the pair's transition was first seen in a run < k (`first_run` of transitions.tsv), or, for a
pair not seen as a transition (`tls-pairs --select all`), both its minima were found in runs < k.
The same NEB and splitting results are reused at every k (they do not depend on when the pair was
found), so every level is exactly what a shallower run would have computed, pair for pair. n0 at
each k comes from `tls-density` itself on the splitting tables cut to that effort, so it is the same
estimator as the main result, with its bootstrap interval over glasses.

Writes a `tls-convergence 1.0` table (docs/formats/tls-convergence.md): one row per effort and mass.
Runs with Debian's /usr/bin/python3 (numpy)."""
import argparse
import math
import os
import shlex
import subprocess
import sys
import tempfile

import numpy as np

import tls_tables

COLUMNS = ["runs", "mass", "glasses", "minima", "minima_lo", "minima_hi", "dwps", "dwps_lo", "dwps_hi",
           "tls", "tls_lo", "tls_hi", "n0", "n0_lo", "n0_hi", "n0_fit", "n0_fit_lo", "n0_fit_hi"]


def effort_levels(max_runs):
    """1, 2, 4, ... and the full effort."""
    levels, k = [], 1
    while k < max_runs:
        levels.append(k)
        k *= 2
    return levels + [max_runs]


def pair_efforts(pairs_path, transitions_path, minima_path):
    """pair id -> the number of runs after which the pair was available (first run index + 1)."""
    first_min = {}
    m = tls_tables.read(minima_path, "minima-index", 1) if minima_path else None
    if m is not None:
        for i, r in zip(m.text("id"), m["first_run"]):
            first_min[int(i)] = int(r)
    first_tr = {}
    t = tls_tables.read(transitions_path, "transitions", 1)
    for a, b, r in zip(t["a"], t["b"], t["first_run"]):
        first_tr[(int(min(a, b)), int(max(a, b)))] = int(r)
    p = tls_tables.read(pairs_path, "pairs", 1)
    out = {}
    for pid, a, b in zip(p.text("pair"), p["a"], p["b"]):
        key = (int(min(a, b)), int(max(a, b)))
        if key in first_tr:
            out[pid] = first_tr[key] + 1
        else:  # --select all: available once both minima are known
            ra, rb = first_min.get(key[0], -1), first_min.get(key[1], -1)
            out[pid] = (max(ra, rb) + 1) if min(ra, rb) >= 0 else math.inf
    return out


def cut_table(src, dst, keep_row):
    """Copies a table keeping its header lines and the data rows for which keep_row(cells) holds."""
    with open(src) as f, open(dst, "w") as g:
        cols = None
        for line in f:
            if line.startswith("#"):
                if not line.startswith("##") and not line.startswith("#%") and cols is None:
                    cols = line[1:].rstrip("\n").split("\t")
                g.write(line)
            elif line.strip() and keep_row(dict(zip(cols, line.rstrip("\n").split("\t")))):
                g.write(line)


def counted(flag):
    """A splitting row tls-density counts (not `single`, not `failed`)."""
    words = set(flag.split(","))
    return not ({"single", "failed"} & words)


def bootstrap_mean(values, rng, resamples, confidence):
    v = np.asarray(values, dtype=float)
    if len(v) == 0:
        return math.nan, math.nan, math.nan
    if resamples <= 0 or len(v) == 1:
        return float(v.mean()), math.nan, math.nan
    means = v[rng.integers(0, len(v), size=(resamples, len(v)))].mean(axis=1)
    q = (1 - confidence) / 2
    return float(v.mean()), float(np.quantile(means, q)), float(np.quantile(means, 1 - q))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--glass-dirs", nargs="+", required=True,
                   help="per glass: EXPLORE_DIR,PAIRS_TSV,SPLIT_TSV (the explore folder with runs.tsv, "
                        "minima.tsv and transitions.tsv; the tls-pairs table; the tls-split table)")
    p.add_argument("--density", required=True, help="the tls-density program")
    p.add_argument("--bootstrap", type=int, default=1000)
    p.add_argument("--confidence", type=float, default=0.68)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--density-args", default="", help="more tls-density options (quoted)")
    p.add_argument("-o", "--output", required=True)
    a = p.parse_args()

    glasses = []
    for spec in a.glass_dirs:
        explore, pairs, split = spec.split(",")
        runs = tls_tables.read(os.path.join(explore, "runs.tsv"), "explore-runs", 1)
        minima_tsv = os.path.join(explore, "minima.tsv")
        glasses.append({
            "explore": explore, "split": split,
            "runs": len(runs),
            "minima_total": runs["minima_total"],  # library size after each run
            "effort": pair_efforts(pairs, os.path.join(explore, "transitions.tsv"),
                                   minima_tsv if os.path.exists(minima_tsv) else None),
        })
    max_runs = max(g["runs"] for g in glasses)
    levels = effort_levels(max_runs)
    rng = np.random.default_rng(a.seed)
    rows = []
    with tempfile.TemporaryDirectory(prefix="tls-convergence-") as tmp:
        for k in levels:
            cut = []
            per_glass = []  # (minima, {mass: dwps}, {mass: tls})
            for i, g in enumerate(glasses):
                dst = os.path.join(tmp, f"k{k}-g{i}.tsv")
                cut_table(g["split"], dst,
                          lambda c, g=g: g["effort"].get(c["id"].split(".")[0], math.inf) <= k)
                cut.append(dst)
                kk = min(k, g["runs"])
                t = tls_tables.read(dst, "splitting", 1)
                flags = t.text("flag") if t.has("flag") else ["ok"] * len(t)
                dw, tl = {}, {}
                for m, e, fl in zip(t["mass"], t["splitting"], flags):
                    if counted(fl):
                        dw[m] = dw.get(m, 0) + 1
                        if e < 2 * math.pi / m:
                            tl[m] = tl.get(m, 0) + 1
                per_glass.append((g["minima_total"][kk - 1], dw, tl))
            out = os.path.join(tmp, f"density-k{k}")
            cmd = [a.density, *cut, "--glasses", str(len(glasses)), "--bootstrap", str(a.bootstrap),
                   "--confidence", str(a.confidence), "--seed", str(a.seed), "-q", *shlex.split(a.density_args),
                   "-o", out]
            subprocess.run(cmd, check=True)
            s = tls_tables.read(os.path.join(out, "summary.tsv"), "density-summary", 1)
            minima = bootstrap_mean([m for m, _, _ in per_glass], rng, a.bootstrap, a.confidence)
            for j, mass in enumerate(s["mass"]):
                dw = bootstrap_mean([d.get(mass, 0) for _, d, _ in per_glass], rng, a.bootstrap, a.confidence)
                tl = bootstrap_mean([t.get(mass, 0) for _, _, t in per_glass], rng, a.bootstrap, a.confidence)
                fit = [s[c][j] if s.has(c) else math.nan for c in ("n0_fit", "n0_fit_lo", "n0_fit_hi")]
                rows.append([k, mass, len(glasses), *minima, *dw, *tl, s["n0"][j], s["n0_lo"][j], s["n0_hi"][j], *fit])
    tmp_out = a.output + ".tmp"
    with open(tmp_out, "w") as f:
        f.write("#%tls-convergence 1.0\n")
        f.write("##tool=paper/convergence.py\n")
        f.write("##command=" + " ".join(shlex.quote(x) for x in sys.argv) + "\n")
        f.write(f"##seed={a.seed}\n")
        for g in glasses:
            f.write(f"##input={g['split']}\n")
        f.write(f"##bootstrap={a.bootstrap},{a.confidence}\n")
        f.write("#" + "\t".join(COLUMNS) + "\n")
        for r in rows:
            f.write("\t".join(f"{v:.10g}" if isinstance(v, float) else str(v) for v in r) + "\n")
    os.replace(tmp_out, a.output)


if __name__ == "__main__":
    main()
