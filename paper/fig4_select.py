"""Fig. 4, step 1: picks the most delocalised and the most localised active TLS of the chosen T_f
and mass (largest and smallest PR in density/Tf*/pr_vs_E.tsv), the localised one from another pair
than the delocalised one (two segments <pair>.<k> of one pair move the same particles, so they
would show the same TLS twice), and extracts their two end minima as extended XYZ with
tls-convert (from the exploration library or the NEB's new minima)."""
import argparse
import os
import subprocess
import sys

import numpy as np

import tls_tables


def extract(convert, libraries, minimum, out):
    for lib in libraries:
        if not os.path.exists(lib):
            continue
        r = subprocess.run([convert, "-q", lib, "--minimum", str(minimum), "-o", out], capture_output=True, text=True)
        if r.returncode == 0:
            return lib
    raise SystemExit(f"fig4_select.py: minimum {minimum} not found in {libraries}")


def pair_of(glass, dwp_id):
    """The parent pair of a DWP id: segments of a split pair are <pair>.<k>."""
    return glass, dwp_id.split(".")[0]


def choose(t, mass):
    """[(label, row)]: the largest-PR active TLS and the smallest-PR one of a different pair."""
    sel = np.where((t["mass"] == mass) & np.isfinite(t["PR"]))[0]
    if not len(sel):
        return []
    glasses, ids = t.text("glass"), t.text("id")
    hi = sel[np.argmax(t["PR"][sel])]
    others = [k for k in sel if pair_of(glasses[k], ids[k]) != pair_of(glasses[hi], ids[hi])]
    picks = [("delocalised", hi)]
    if others:
        picks.append(("localised", others[int(np.argmin(t["PR"][others]))]))
    return picks


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--active", required=True, help="density/Tf<tf>/pr_vs_E.tsv")
    p.add_argument("--mass", type=float, required=True)
    p.add_argument("--tf", required=True)
    p.add_argument("--results", required=True)
    p.add_argument("--convert", required=True)
    p.add_argument("-o", "--output", required=True)
    a = p.parse_args()
    t = tls_tables.read(a.active, "pr-vs-e", 1)
    out_dir = os.path.dirname(a.output) or "."
    rows = []
    picks = choose(t, a.mass)
    if picks:
        glasses, ids = t.text("glass"), t.text("id")
        for label, k in picks:
            glass = glasses[k]
            sub = glass[len(f"Tf{a.tf}-"):] if glass.startswith(f"Tf{a.tf}-") else glass
            dwp = tls_tables.read(os.path.join(a.results, "neb", f"Tf{a.tf}", sub, "dwp.tsv"), "dwp", 1)
            row = dwp.text("id").index(ids[k])
            ends = [int(dwp.text("a")[row]), int(dwp.text("b")[row])]
            libs = [os.path.join(a.results, "explore", f"Tf{a.tf}", sub, "minima.tlsmin"),
                    os.path.join(a.results, "neb", f"Tf{a.tf}", sub, "new-minima.tlsmin")]
            files = []
            for end, m in zip("ab", ends):
                path = os.path.join(out_dir, f"fig4-{label}-{end}.xyz")
                extract(a.convert, libs, m, path)
                files.append(os.path.basename(path))
            rows.append((label, glass, ids[k], t["splitting"][k], t["PR"][k], files[0], files[1]))
    tmp = a.output + ".tmp"
    with open(tmp, "w") as f:
        f.write("#%tls-fig4 1.0\n##tool=paper/fig4_select.py\n")
        f.write(f"##mass={a.mass:g}\n##tf={a.tf}\n")
        f.write("#label\tglass\tid\tsplitting\tPR\ta\tb\n")
        for r in rows:
            f.write("\t".join([r[0], r[1], r[2], repr(float(r[3])), repr(float(r[4])), r[5], r[6]]) + "\n")
    os.replace(tmp, a.output)
    print(f"fig4_select.py: {len(rows)} TLS chosen", file=sys.stderr)


if __name__ == "__main__":
    main()
