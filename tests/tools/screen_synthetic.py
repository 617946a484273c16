#!/usr/bin/env python3
"""Synthetic labelled glass for the tls-screen tests: a tls-pairs table, a tls-neb status table and a
tls-split table whose labels are known functions of the features.

  double well  iff  PR_particle > 4 and distance > 0.3
  log10 E      =    0.4 log10(dE) - 0.6 distance - 0.3   (eps; E < 2 pi / 4000 is a TLS)
  force calls  =    round(1000 * 10^distance)            (every computed pair, unconverged ones too)

Usage: screen_synthetic.py OUTDIR GLASS SEED [PAIRS] [--mass M] [--no-pr]
Writes OUTDIR/pairs.tsv, OUTDIR/status.tsv, OUTDIR/split.tsv."""
import math
import os
import random
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
out, glass, seed = args[0], args[1], int(args[2])
n = int(args[3]) if len(args) > 3 else 2000
mass = 4000.0
if "--mass" in sys.argv:
    mass = float(sys.argv[sys.argv.index("--mass") + 1])
no_pr = "--no-pr" in sys.argv
rng = random.Random(seed)
os.makedirs(out, exist_ok=True)
cols = ["pair", "a", "b", "E_a", "E_b", "dE", "distance", "max_displacement", "PR", "PR_particle",
        "count_ab", "count_ba", "connected", "disp2", "disp3"]
if no_pr:
    cols.remove("PR")
with open(f"{out}/pairs.tsv", "w") as p, open(f"{out}/status.tsv", "w") as s, open(f"{out}/split.tsv", "w") as x:
    p.write(f"#%tls-pairs 1.1\n##tool=screen_synthetic\n##glass={glass}\n##particles=100\n#" + "\t".join(cols) + "\n")
    s.write(f"#%tls-neb-status 1.0\n##glass={glass}\n##particles=100\n#id\ta\tb\tstatus\tdwps\tforce_calls\n")
    x.write(f"#%tls-splitting 1.0\n##glass={glass}\n##particles=100\n##masses={mass:g}\n#id\tmass\tsplitting\tflag\n")
    for k in range(n):
        dE = 10 ** rng.uniform(-4, -1)
        d = rng.uniform(0.1, 2.5)
        md = d * rng.uniform(0.4, 0.95)
        d2, d3 = md * rng.uniform(0.3, 1), md * rng.uniform(0.1, 0.3)
        prp = rng.uniform(1, 30)
        ca, cb = rng.randint(0, 4), rng.randint(0, 4)
        row = dict(pair=k, a=2 * k, b=2 * k + 1, E_a=-700.0, E_b=-700.0 + dE, dE=dE, distance=d,
                   max_displacement=md, PR=3 * prp, PR_particle=prp, count_ab=ca, count_ba=cb,
                   connected=int(ca + cb > 0), disp2=d2, disp3=d3)
        p.write("\t".join(repr(row[c]) for c in cols) + "\n")
        calls = round(1000 * 10 ** d)
        if k % 50 == 7:
            s.write(f"{k}\t{2 * k}\t{2 * k + 1}\tunconverged\t-\t{calls}\n")
        elif prp > 4 and d > 0.3:
            s.write(f"{k}\t{2 * k}\t{2 * k + 1}\tdwp\t{k}\t{calls}\n")
            x.write(f"{k}\t{mass:g}\t{10 ** (0.4 * math.log10(dE) - 0.6 * d - 0.3)!r}\tok\n")
        else:
            s.write(f"{k}\t{2 * k}\t{2 * k + 1}\tnon-dw\t-\t{calls}\n")
