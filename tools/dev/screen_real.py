#!/usr/bin/env python3
"""Issue 13's measurements on real glasses: recall of tls-screen on glasses never seen in training,
and TLS found per CPU-hour with the screen against NEB on every pair.

Reads ROOT/g/<glass>/ as made by the commands of docs/tools/tls-screen.md ("Real glasses"):
  explore/            tls-explore folder (runs.tsv, minima.tsv)
  pairs.tsv           tls-pairs --max-dE 0.1 (connected pairs)
  neb-lo/, split-lo.tsv   tls-neb (--neb-method fast or fast-coarse; the report names each glass's
                          method from its status.tsv) + tls-split on the pairs with dE < 0.03
  neb-hi/, split-hi.tsv   the same on 0.03 <= dE < 0.1 (optional: without it the glass counts
                          only its pairs with dE < 0.03, and the report says so); more such parts
                          (neb-hi1/, split-hi1.tsv, time-neb-hi1.txt, ...) when the pairs were run
                          in pieces, each piece's CPU shared out among its own pairs
  (where pairs-lo-all.tsv exists, the dE < 0.03 pairs were halved: even pair ids in neb-lo/,
   odd ones in neb-lo2/, split-lo2.tsv; a glass with only the even half counts those)
  time-<stage>.txt    '/usr/bin/time -f "%U %S %e"' of each stage (user, sys, wall seconds)
A glass's T_f is read from its name (g092-* = 0.092, g070-* = 0.07, g062-* = 0.062).

It runs tls-screen (train on every other glass, leave one glass out; evaluate; rank) into ROOT/eval/
and prints a Markdown report (also written to ROOT/eval/report.md): recall and end to end both for
the best share of each glass's pairs and for the pooled selection (the pairs of all the test glasses
ranked together by predicted splitting, each by the model trained without its glass).
Standard library only.

usage: tools/dev/screen_real.py ROOT [--bin build/bin] [--seed 1] [--mass 4000] [--eval-dir eval]
                                [--train-arg=--max-depth=4 ...] [--lo-cut 0.03] [--cut-dE 0.01 ...]
"""

import argparse
import math
import os
import subprocess
import sys
import time


def neb_method(glass_dir, parts):
    """The --neb-method of each part's tls-neb run (from the ##command line of its status.tsv;
    classic when not given), joined with '/' when the parts differ."""
    found = []
    for part in parts:
        meta, _, _ = read_table(os.path.join(glass_dir, f"neb-{part}", "status.tsv"))
        words = meta.get("command", "").split()
        m = words[words.index("--neb-method") + 1] if "--neb-method" in words[:-1] else "classic"
        for w in words:
            if w.startswith("--neb-method="):
                m = w.split("=", 1)[1]
        if m not in found:
            found.append(m)
    return "/".join(found)


def read_table(path):
    """(metadata dict, columns, rows as dicts) of a toolkit table."""
    meta, cols, rows = {}, None, []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("##"):
                k, _, v = line[2:].partition("=")
                meta.setdefault(k, v)
            elif line.startswith("#%"):
                continue
            elif line.startswith("#"):
                cols = line[1:].split("\t")
            elif line:
                rows.append(dict(zip(cols, line.split("\t"))))
    return meta, cols, rows


def cpu(path):
    """User + sys CPU seconds of a time-*.txt file (None when absent)."""
    if not os.path.exists(path):
        return None
    with open(path) as f:
        u, s, _w = f.read().split()[:3]
    return float(u) + float(s)


def wall(path):
    with open(path) as f:
        return float(f.read().split()[2])


class Glass:
    def __init__(self, root, name, mass):
        self.name = name
        self.dir = os.path.join(root, "g", name)
        self.tf = {"g092": 0.092, "g070": 0.07, "g062": 0.062}.get(name.split("-")[0], float("nan"))
        self.threshold = 2 * math.pi / mass
        pmeta, _, prow = read_table(os.path.join(self.dir, "pairs.tsv"))
        self.max_dE = float(pmeta.get("max_dE", "inf"))
        self.pairs = {int(r["pair"]): r for r in prow}
        self.parts = []
        self.label = {}  # pair -> -1 (no label), 0 (not a DW), 1 (DW)
        self.esplit = {}  # pair -> smallest splitting of its DWPs (DW pairs)
        self.tls_keys = {}  # pair -> set of distinct TLS (DWP end energies) it yields
        self.cost = {}  # pair -> CPU seconds (NEB + split, shared out by force calls)
        self.status = {}
        his = sorted((d[4:] for d in os.listdir(self.dir) if d.startswith("neb-hi")), key=lambda x: (len(x), x))
        for part in ("lo", "lo2", *his):
            st = os.path.join(self.dir, f"neb-{part}", "status.tsv")
            sp = os.path.join(self.dir, f"split-{part}.tsv")
            tn = os.path.join(self.dir, f"time-neb-{part}.txt")
            ts = os.path.join(self.dir, f"time-split-{part}.txt")
            if not (os.path.exists(st) and os.path.exists(sp) and os.path.exists(tn) and os.path.exists(ts)):
                continue
            self.parts.append(part)
            _, _, srows = read_table(st)
            _, _, drows = read_table(os.path.join(self.dir, f"neb-{part}", "dwp.tsv"))
            _, _, xrows = read_table(sp)
            key = {r["id"]: (round(float(r["Ea"]), 6), round(float(r["Eb"]), 6)) for r in drows}
            split = {r["id"]: r for r in xrows if abs(float(r["mass"]) - mass) < 1e-9 * mass}
            fc_total = sum(int(r["force_calls"]) for r in srows) or 1
            c_total = cpu(tn) + cpu(ts)
            for r in srows:
                p = int(r["id"])
                self.status[p] = r["status"]
                self.cost[p] = c_total * int(r["force_calls"]) / fc_total
                lab, best, keys = -1, None, set()
                if r["status"] in ("non-dw", "identical"):
                    lab = 0
                elif r["status"] in ("dwp", "split", "partial"):
                    for d in r["dwps"].split(","):
                        if d in ("", "-"):
                            continue
                        s = split[d]
                        if "single" in s["flag"].split(","):
                            continue
                        e = float(s["splitting"])
                        best = e if best is None else min(best, e)
                        if e < self.threshold:
                            keys.add(key[d])
                    lab = 1 if best is not None else 0
                self.label[p] = lab
                if best is not None:
                    self.esplit[p] = best
                self.tls_keys[p] = keys
        # Pairs taken into account: those of the computed parts.
        self.computed = sorted(self.status)
        self.labelled = [p for p in self.computed if self.label[p] >= 0]
        self.tls_pairs = [p for p in self.labelled if self.label[p] == 1 and self.esplit[p] < self.threshold]

    def triples(self):
        out = []
        for part in self.parts:
            out += [
                os.path.join(self.dir, "pairs.tsv"),
                os.path.join(self.dir, f"neb-{part}", "status.tsv"),
                os.path.join(self.dir, f"split-{part}.tsv"),
            ]
        return out

    def distinct_tls(self, pairs):
        s = set()
        for p in pairs:
            s |= self.tls_keys.get(p, set())
        return s


def write_subset(g, ids, d):
    """The glass's computed pairs table (all of them) and, per part, the status and splitting tables of
    the pairs `ids`, cut from its exhaustive run: what tls-neb and tls-split would have written for them.
    One (pairs, status, splitting) triple per part that holds any of `ids`, since each part numbers its
    DWPs from 0."""
    os.makedirs(d, exist_ok=True)
    ids = set(ids)
    with open(os.path.join(g.dir, "pairs.tsv")) as f, open(os.path.join(d, "all-pairs.tsv"), "w") as o:
        computed = set(g.computed)
        for line in f:
            if line.startswith("#") or int(line.split("\t", 1)[0]) in computed:
                o.write(line)
    out = []
    for part in g.parts:
        dwps, n = set(), 0
        st, sp = os.path.join(d, f"status-{part}.tsv"), os.path.join(d, f"split-{part}.tsv")
        with open(os.path.join(g.dir, f"neb-{part}", "status.tsv")) as f, open(st, "w") as o:
            for line in f:
                if line.startswith("#"):
                    o.write(line)
                    continue
                c = line.split("\t")
                if int(c[0]) in ids:
                    o.write(line)
                    n += 1
                    dwps |= set(c[4].split(","))
        with open(os.path.join(g.dir, f"split-{part}.tsv")) as f, open(sp, "w") as o:
            for line in f:
                if line.startswith("#") or line.split("\t", 1)[0] in dwps:
                    o.write(line)
        if n:
            out += [os.path.join(d, "all-pairs.tsv"), st, sp]
    if not out:  # nothing selected: one empty triple, as tls-neb and tls-split would write
        out = [os.path.join(d, "all-pairs.tsv"), os.path.join(d, f"status-{g.parts[0]}.tsv"), os.path.join(d, f"split-{g.parts[0]}.tsv")]
    return out


def replay(screen, gl, d, sample, rounds, per_round, min_new, seed, mass, train_arg=()):
    """The workflow's iterative mode (workflow/rules/screen.smk) on glasses of one T_f, with the NEB and
    splitting of each selected pair taken from the exhaustive run. Returns per-round rows."""
    done = {g.name: [] for g in gl}  # per glass: list of per-round id lists
    triples = {g.name: [] for g in gl}
    out, tool_cpu = [], 0.0
    for k in range(rounds + 1):
        sel = {}
        for g in gl:
            rd = os.path.join(d, f"r{k}", g.name)
            os.makedirs(rd, exist_ok=True)
            src = write_subset(g, [], os.path.join(d, "base", g.name))[0]
            pt = os.path.join(rd, "pairs.tsv")
            if k == 0:
                tool_cpu += run([screen, "sample", src, "--fraction", str(sample), "--seed", str(seed * 1000 + gl.index(g)), "-o", pt, "-q"])
            else:
                excl = sum((["--exclude", t[j]] for t in triples[g.name] for j in range(1, len(t), 3)), [])
                # as screen.smk: round 1 is never gated on the random sample, later rounds on the round before
                last = [triples[h.name][-1] for h in gl]
                gate = sum((["--gate", t[j]] for t in last for j in range(2, len(t), 3)), []) if k >= 2 else []
                tool_cpu += run([screen, "rank", os.path.join(d, f"r{k}", "model.tsm"), src, "--fraction", str(per_round),
                                 *excl, *gate, "--gate-min", str(min_new), "-o", pt, "-q"])
            _, _, rows = read_table(pt)
            sel[g.name] = [int(r["pair"]) for r in rows]
            done[g.name].append(sel[g.name])
            triples[g.name].append(write_subset(g, sel[g.name], rd))
        if k < rounds:
            model = os.path.join(d, f"r{k + 1}", "model.tsm")
            os.makedirs(os.path.dirname(model), exist_ok=True)
            tool_cpu += run([screen, "train", *sum((t for g in gl for t in triples[g.name]), []), "--mass", str(mass),
                             "--seed", str(seed), "--allow-degenerate", *train_arg, "-o", model, "-q"])
        n = sum(len(sel[g.name]) for g in gl)
        ids = {g.name: [p for r in done[g.name] for p in r] for g in gl}
        found = sum(len(g.distinct_tls(ids[g.name])) for g in gl)
        c = sum(g.cost[p] for g in gl for p in ids[g.name])
        out.append((k, n, sum(len(v) for v in ids.values()), found, c, tool_cpu))
    return out


def run(cmd):
    t0 = os.times()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    t1 = os.times()
    return (t1.children_user - t0.children_user) + (t1.children_system - t0.children_system)


def ranks(v):
    o = sorted(range(len(v)), key=lambda i: v[i])
    r = [0.0] * len(v)
    i = 0
    while i < len(o):
        j = i
        while j + 1 < len(o) and v[o[j + 1]] == v[o[i]]:
            j += 1
        for k in range(i, j + 1):
            r[o[k]] = (i + j) / 2
        i = j + 1
    return r


def spearman(x, y):
    if len(x) < 3:
        return float("nan")
    rx, ry = ranks(x), ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    sxx = sum((a - mx) ** 2 for a in rx)
    syy = sum((b - my) ** 2 for b in ry)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else float("nan")


def score(order, r):
    """The quantity tls-screen rank orders by (larger = better), from a ranked table's row."""
    if order == "tls":
        return float(r["p_tls"])
    if order == "yield":
        return float(r["p_tls"]) / max(float(r["predicted_cost"]), 1.0)
    return -float(r["predicted_splitting"])


def recall_at(order, positives, f):
    k = math.ceil(f * len(order))
    hit = sum(1 for p in order[:k] if p in positives)
    return k, hit


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("root")
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "..", "build", "bin"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mass", type=float, default=4000)
    ap.add_argument("--eval-dir", default="eval", help="folder under ROOT for the models and rankings (default eval)")
    ap.add_argument("--train-arg", action="append", default=[], help="extra argument of tls-screen train (repeatable), e.g. --train-arg=--max-depth=4")
    ap.add_argument("--order", default="tls", choices=["tls", "yield", "splitting"],
                    help="tls-screen's --order for rank and evaluate, and the pooled ranking's key (default tls)")
    ap.add_argument("--loose", type=float, default=0.01, help="a looser splitting threshold with more positives (eps)")
    ap.add_argument("--lo-cut", type=float, default=0.03, help="the dE below which part 'lo' was computed, for the report's labels (default 0.03)")
    ap.add_argument("--cut-dE", type=float, action="append", default=[],
                    help="also report the pooled selection when only pairs with dE below this are candidates (repeatable; "
                         "the workflow's pairs.max_dE then the ranking), against the same exhaustive set")
    a = ap.parse_args()
    screen = os.path.join(a.bin, "tls-screen")
    root = a.root
    names = sorted(n for n in os.listdir(os.path.join(root, "g")) if os.path.exists(os.path.join(root, "g", n, "pairs.tsv")))
    glasses = [Glass(root, n, a.mass) for n in names]
    glasses = [g for g in glasses if "lo" in g.parts and g.labelled]  # a glass without a labelled pair has nothing to test
    if len(glasses) < 2:
        sys.exit("need at least two glasses with their dE < 0.03 pairs computed")
    ev = os.path.join(root, a.eval_dir)
    os.makedirs(ev, exist_ok=True)
    fr = (0.05, 0.10, 0.20)
    out = []
    P = out.append

    # --- Exploration costs -------------------------------------------------------------------------
    P("### Exploration (runs of 25 at T = 0.04; CPU from time-explore.txt)\n")
    P("| glass | T_f | runs | CPU s | wall s | minima | transition pairs | pairs in table (dE < its max_dE) | of them dE<0.03 | minima after each run |")
    P("|---|---|---|---|---|---|---|---|---|---|")
    for g in glasses:
        _, _, runs = read_table(os.path.join(g.dir, "explore", "runs.tsv"))
        te = os.path.join(g.dir, "time-explore.txt")
        lo = sum(1 for r in g.pairs.values() if float(r["dE"]) < 0.03)
        P(f"| {g.name} | {g.tf} | {len(runs)} | {cpu(te):.0f} | {wall(te):.0f} | {runs[-1]['minima_total']} | "
          f"{runs[-1]['pairs_total']} | {len(g.pairs)} | {lo} | {' '.join(r['minima_total'] for r in runs)} |")

    # --- NEB costs ---------------------------------------------------------------------------------
    P("\n### Exhaustive NEB (tls-neb, method per glass as its status.tsv records it) and tls-split (masses 4000, 30000)\n")
    P("| glass | parts | method | pairs computed | DW pairs | non-DW | no label | TLS pairs | distinct TLS | NEB+split CPU s | CPU s per pair |")
    P("|---|---|---|---|---|---|---|---|---|---|---|")
    tot = {"n": 0, "c": 0.0, "tls": 0}
    for g in glasses:
        n = len(g.computed)
        c = sum(g.cost.values())
        dw = sum(1 for p in g.computed if g.label[p] == 1)
        nd = sum(1 for p in g.computed if g.label[p] == 0)
        nl = n - dw - nd
        dt = len(g.distinct_tls(g.computed))
        tot["n"] += n
        tot["c"] += c
        tot["tls"] += dt
        halves = os.path.exists(os.path.join(g.dir, "pairs-lo-all.tsv"))
        cut = g.max_dE if g.max_dE < 0.1 else a.lo_cut  # a table cut below 0.1 (the quick profile's 0.01) was computed whole
        names = {"lo": f"dE<{cut:g} (even ids)" if halves else f"dE<{cut:g}", "lo2": f"dE<{cut:g} (odd ids)"}
        his = [p for p in g.parts if p.startswith("hi")]
        parts = " + ".join([names[p] for p in g.parts if p in names] + ([f"{cut:g}-0.1" + (f" ({len(his)} pieces)" if len(his) > 1 else "")] if his else []))
        P(f"| {g.name} | {parts} | {neb_method(g.dir, g.parts)} | {n} | {dw} | {nd} | {nl} | {len(g.tls_pairs)} | {dt} | "
          f"{c:.0f} | {c / max(n, 1):.2f} |")
    P(f"| all | | | {tot['n']} | | | | | {tot['tls']} | {tot['c']:.0f} | {tot['c'] / max(tot['n'], 1):.2f} |")

    # --- Leave one glass out ---------------------------------------------------------------------
    rows, e2e, pool = [], [], []
    rank_total = 0.0  # CPU of every tls-screen rank call (the pooled selection pays for all of them)
    train_cpu = {}
    degenerate = []
    loose = {}
    for g in glasses:
        others = [h for h in glasses if h is not g]
        model = os.path.join(ev, f"not-{g.name}.tsm")
        cmd = [screen, "train", *sum((h.triples() for h in others), []), "--mass", str(a.mass), "--seed", str(a.seed), "--allow-degenerate", *a.train_arg, "-o", model, "-q"]
        train_cpu[g.name] = run(cmd)
        with open(model, errors="replace") as f:
            head = f.read(4096)
        if "##degenerate=" in head:
            degenerate.append(g.name + ": " + head.split("##degenerate=", 1)[1].split("\n", 1)[0])
        evalf = os.path.join(ev, f"recall-{g.name}.tsv")
        run([screen, "evaluate", model, *g.triples(), "--order", a.order, "-o", evalf, "-q"])
        ranked = os.path.join(ev, f"ranked-{g.name}.tsv")
        rank_cpu = run([screen, "rank", model, os.path.join(g.dir, "pairs.tsv"), "--order", a.order, "-o", ranked, "-q"])
        rank_total += rank_cpu
        _, _, rr = read_table(ranked)
        computed = set(g.computed)
        order_all = [int(r["pair"]) for r in rr if int(r["pair"]) in computed]
        # the same key as tls-screen rank (p_dw gate, then the order's score, then predicted splitting),
        # for the pooled ranking
        pool += [(float(r["p_dw"]) < 0.5, -score(a.order, r), float(r["predicted_splitting"]), g.name, int(r["pair"]))
                 for r in rr if int(r["pair"]) in computed]
        labelled = set(g.labelled)
        order = [p for p in order_all if p in labelled]
        pos = set(g.tls_pairs)
        by_de = sorted(g.labelled, key=lambda p: (float(g.pairs[p]["dE"]), p))
        _, _, er = read_table(evalf)
        tool = {round(float(r["fraction"]), 3): r for r in er}
        row = {"g": g, "n": len(order), "tls": len(pos), "screen": [], "dE": [], "tool": []}
        for f in fr:
            k, hit = recall_at(order, pos, f)
            _, hd = recall_at(by_de, pos, f)
            row["screen"].append((k, hit))
            row["dE"].append(hd)
            row["tool"].append(int(tool[round(f, 3)]["tls"]))
        rows.append(row)
        evall = os.path.join(ev, f"recall-{g.name}-loose.tsv")
        run([screen, "evaluate", model, *g.triples(), "--threshold", str(a.loose), "--order", a.order, "-o", evall, "-q"])
        _, _, el = read_table(evall)
        posl = {p for p in g.labelled if g.label[p] == 1 and g.esplit[p] < a.loose}
        bydl = [recall_at(by_de, posl, f)[1] for f in fr]
        mine = [recall_at(order, posl, f) for f in fr]
        for (k, h), r in zip(mine, el):
            assert h == int(r["tls"]), f"{g.name}: loose own count {h} != tls-screen evaluate {r['tls']}"
        # Spearman rank correlation of predicted and exact splittings over the test glass's double wells
        pred = {int(r["pair"]): float(r["predicted_splitting"]) for r in rr}
        dws = [p for p in g.labelled if g.label[p] == 1]
        loose[g.name] = (len(posl), mine, bydl, spearman([pred[p] for p in dws], [g.esplit[p] for p in dws]))
        # End to end: NEB only on the best 5/10/20 % of the glass's (computed) pairs.
        all_tls = g.distinct_tls(g.computed)
        exh_cpu = sum(g.cost.values())
        for f in fr:
            k = math.ceil(f * len(order_all))
            sel = order_all[:k]
            e2e.append((g, f, k, len(order_all), len(g.distinct_tls(sel)), len(all_tls),
                        sum(g.cost[p] for p in sel) + rank_cpu, train_cpu[g.name], exh_cpu))

    P(f"\n### Recall, leave one glass out (train on every other glass, seed {a.seed}; TLS: E < 2 pi/{a.mass:g})\n")
    P("Pairs = labelled pairs of the test glass; 'screen' = tls-screen's ranking, 'dE' = ranking by dE alone "
      "(the trivial screen), random = the fraction itself.\n")
    P("| test glass | pairs | TLS pairs | screen 5 % | 10 % | 20 % | dE 5 % | 10 % | 20 % |")
    P("|---|---|---|---|---|---|---|---|---|")
    sums = {"n": 0, "tls": 0, "s": [0, 0, 0], "d": [0, 0, 0], "k": [0, 0, 0]}
    for r in rows:
        for i, ((k, h), t) in enumerate(zip(r["screen"], r["tool"])):
            assert h == t, f"{r['g'].name}: own count {h} != tls-screen evaluate {t}"
        sums["n"] += r["n"]
        sums["tls"] += r["tls"]
        for i in range(3):
            sums["s"][i] += r["screen"][i][1]
            sums["d"][i] += r["dE"][i]
            sums["k"][i] += r["screen"][i][0]
        cell = lambda h: f"{h}/{r['tls']}" if r["tls"] else "-"
        P(f"| {r['g'].name} | {r['n']} | {r['tls']} | " + " | ".join(cell(h) for _, h in r["screen"]) + " | "
          + " | ".join(cell(h) for h in r["dE"]) + " |")
    pct = lambda h: f"{100 * h / sums['tls']:.1f} %" if sums["tls"] else "-"
    P(f"| **pooled** | {sums['n']} | {sums['tls']} | " + " | ".join(pct(h) for h in sums["s"]) + " | "
      + " | ".join(pct(h) for h in sums["d"]) + " |")
    if sums["tls"]:
        P("\nEnrichment over random (recall / share of pairs taken), pooled: screen "
          + ", ".join(f"{(sums['s'][i] / sums['tls']) / (sums['k'][i] / sums['n']):.1f}" for i in range(3))
          + "; dE alone " + ", ".join(f"{(sums['d'][i] / sums['tls']) / (sums['k'][i] / sums['n']):.1f}" for i in range(3))
          + " (at 5, 10, 20 %).")

    # Pooled: the pairs of all the test glasses ranked together by their (leave-one-glass-out) model's
    # predicted splitting, as a user ranks the pairs of a set of new glasses, and the best share taken.
    pool.sort()
    byname = {g.name: g for g in glasses}
    lab_of = {g.name: set(g.labelled) for g in glasses}
    tls_of = {g.name: set(g.tls_pairs) for g in glasses}
    plab = [x for x in pool if x[-1] in lab_of[x[-2]]]
    ptls = sum(1 for x in plab if x[-1] in tls_of[x[-2]])
    if ptls:
        hits = [sum(1 for x in plab[:math.ceil(f * len(plab))] if x[-1] in tls_of[x[-2]]) for f in fr]
        P(f"\nPooled ranking (the labelled pairs of all the test glasses ranked together by --order {a.order}, each "
          "by the model trained without its glass; the best share of them all): "
          + ", ".join(f"{h}/{ptls} = {100 * h / ptls:.1f} % at {int(f * 100)} %" for h, f in zip(hits, fr))
          + "; enrichment " + ", ".join(f"{(h / ptls) / (math.ceil(f * len(plab)) / len(plab)):.1f}" for h, f in zip(hits, fr)) + ".")

    if degenerate:
        P("\nModels trained with --allow-degenerate on a degenerate set: " + "; ".join(degenerate) + ".")
    P(f"\nLooser threshold E < {a.loose:g} (more positives; the ranking's quality beyond the few TLS), "
      "and the Spearman correlation of predicted and exact splittings over the test glass's double wells:\n")
    P("| test glass | pairs with E < loose | screen 5 % | 10 % | 20 % | dE 5 % | 10 % | 20 % | Spearman |")
    P("|---|---|---|---|---|---|---|---|---|")
    tl, ts, td = 0, [0, 0, 0], [0, 0, 0]
    for name, (npos, mine, bydl, rho) in loose.items():
        tl += npos
        for i in range(3):
            ts[i] += mine[i][1]
            td[i] += bydl[i]
        P(f"| {name} | {npos} | " + " | ".join(f"{h}" for _, h in mine) + " | " + " | ".join(f"{h}" for h in bydl) + f" | {rho:.2f} |")
    if tl:
        P(f"| **pooled** | {tl} | " + " | ".join(f"{100 * h / tl:.1f} %" for h in ts) + " | "
          + " | ".join(f"{100 * h / tl:.1f} %" for h in td) + " | |")

    # --- End to end ---------------------------------------------------------------------------------
    P("\n### End to end: NEB + split on the best share of each glass's pairs (leave-one-glass-out model)\n")
    P("Screen CPU = NEB + split CPU of the selected pairs (each pair's share of its run's CPU by force calls) "
      "+ tls-screen rank; training (once per model) listed apart. Distinct TLS (a DWP met through several pairs counts once).\n")
    P("| share | pairs | TLS found / all | missed | screen CPU s | + train CPU s | exhaustive CPU s | TLS per CPU-h screen (with train) | exhaustive | ratio (with train) |")
    P("|---|---|---|---|---|---|---|---|---|---|")
    for f in fr:
        sel = [x for x in e2e if x[1] == f]
        k = sum(x[2] for x in sel)
        n = sum(x[3] for x in sel)
        found = sum(x[4] for x in sel)
        allt = sum(x[5] for x in sel)
        c = sum(x[6] for x in sel)
        ct = sum(x[7] for x in sel)
        ce = sum(x[8] for x in sel)
        rs, rst, re_ = found / c * 3600, found / (c + ct) * 3600, allt / ce * 3600
        missed = f"{100 * (allt - found) / allt:.0f} %" if allt else "-"
        P(f"| {int(f * 100)} % | {k}/{n} | {found}/{allt} | {missed} | {c:.0f} | {ct:.1f} | {ce:.0f} | "
          f"{rs:.0f} ({rst:.0f}) | {re_:.0f} | {rs / re_ if re_ else float('nan'):.1f} ({rst / re_ if re_ else float('nan'):.1f}) |")
    P("\nPooled selection: the best share of the pairs of all the test glasses ranked together (as above), "
      "instead of the same share of each glass; screen CPU includes every rank call and the training of every leave-one-out model:\n")
    allt = sum(len(g.distinct_tls(g.computed)) for g in glasses)
    ce = sum(sum(g.cost.values()) for g in glasses)

    def pooled_table(cands, shares):
        """The best share (of all the pooled pairs) of the candidates `cands`, in pool order; share 1.0 = every candidate."""
        P("| share | pairs | TLS found / all | missed | screen CPU s | exhaustive CPU s | TLS per CPU-h screen | exhaustive | ratio |")
        P("|---|---|---|---|---|---|---|---|---|")
        for f in shares:
            k = min(len(cands), math.ceil(f * len(pool)))
            sel = {}
            for x in cands[:k]:
                sel.setdefault(x[-2], []).append(x[-1])
            found = sum(len(byname[n].distinct_tls(v)) for n, v in sel.items())
            c = sum(byname[n].cost[p] for n, v in sel.items() for p in v) + rank_total + sum(train_cpu.values())
            rs, re_ = found / c * 3600, allt / ce * 3600
            label = "every candidate" if f == 1.0 else f"{100 * f:g} %"
            P(f"| {label} | {k}/{len(pool)} | {found}/{allt} | {100 * (allt - found) / allt:.0f} % | {c:.0f} | {ce:.0f} | "
              f"{rs:.0f} | {re_:.0f} | {rs / re_:.2f} |")

    pooled_table(pool, (0.05, 0.06, 0.07, 0.08, 0.09, 0.10, 0.11, 0.12, 0.15, 0.20))
    for cut in a.cut_dE:
        sub = [x for x in pool if float(byname[x[-2]].pairs[x[-1]]["dE"]) < cut]
        P(f"\nPooled selection among the pairs with dE < {cut:g} only ({len(sub)} of {len(pool)}: a cut before the ranking, "
          "as the workflow's pairs.max_dE), against the same exhaustive set; shares are of all the pairs:\n")
        pooled_table(sub, (0.02, 0.03, 0.05, 0.07, 0.10, 1.0))
    P("\nPer glass (10 %):\n")
    P("| glass | pairs | TLS found / all | screen CPU s | exhaustive CPU s |")
    P("|---|---|---|---|---|")
    for x in e2e:
        if x[1] == 0.10:
            P(f"| {x[0].name} | {x[2]}/{x[3]} | {x[4]}/{x[5]} | {x[6]:.0f} | {x[8]:.0f} |")

    # --- The workflow's iterative mode, replayed ------------------------------------------------------
    settings = [(0.3, 2, 0.2, 1), (0.1, 4, 0.05, 1)]
    P("\n### The workflow's iterative mode (screen.smk), replayed on the exhaustive results\n")
    P("Per T_f, its glasses together: round 0 a random sample, then rounds of train (every earlier round) -> "
      "rank the rest -> best share; stop when a round finds fewer than `min_new_tls` TLS. The NEB and splitting of "
      "each selected pair are those of the exhaustive run (same pair, same result); CPU = their share + tls-screen.\n")
    P("| T_f | sample, rounds, per_round | pairs computed / all | TLS found / all | screen CPU s (tls-screen part) | exhaustive CPU s | TLS per CPU-h screen | exhaustive | ratio |")
    P("|---|---|---|---|---|---|---|---|---|")
    for tf in sorted({g.tf for g in glasses}):
        gl = [g for g in glasses if g.tf == tf]
        allt = sum(len(g.distinct_tls(g.computed)) for g in gl)
        ce = sum(sum(g.cost.values()) for g in gl)
        n_all = sum(len(g.computed) for g in gl)
        for (smp, rounds, per, mn) in settings:
            rr = replay(screen, gl, os.path.join(ev, f"replay-{tf}-{smp}-{rounds}-{per}"), smp, rounds, per, mn, a.seed, a.mass, a.train_arg)
            k, _n, ncum, found, c, tc = rr[-1]
            rs = found / (c + tc) * 3600
            re_ = allt / ce * 3600 if ce else float("nan")
            P(f"| {tf} | {smp}, {rounds}, {per} | {ncum}/{n_all} | {found}/{allt} | {c + tc:.0f} ({tc:.1f}) | {ce:.0f} | "
              f"{rs:.0f} | {re_:.0f} | {rs / re_ if re_ else float('nan'):.2f} |")

    text = "\n".join(out) + "\n"
    with open(os.path.join(ev, "report.md"), "w") as f:
        f.write(f"<!-- tools/dev/screen_real.py {' '.join(sys.argv[1:])}  ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}) -->\n\n" + text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
