#!/usr/bin/python3
"""Lay out a workflow run's exhaustively computed glasses for tools/dev/screen_real.py:
ROOT/g/<g092|g070|g062>-q<k>/ with links to RESULTS/explore, pairs, neb and split of each glass (the
workflow's pairs table and its NEB + split of every pair as part 'lo') and time files made from
Snakemake's benchmark files (CPU seconds of the jobs). Used for docs/tools/tls-screen.md's eighth
measurement.

usage: tools/dev/screen_layout_from_run.py RESULTS ROOT     (then: tools/dev/screen_real.py ROOT)
"""
import os
import sys

TAGS = {"0.092": "g092", "0.07": "g070", "0.062": "g062"}


def bench_time(path):
    """'user sys wall' from a Snakemake benchmark file (its cpu_time as user, 0 as sys)."""
    with open(path) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    head, last = rows[0], rows[-1]
    return f"{last[head.index('cpu_time')]} 0 {last[head.index('s')]}\n"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    results, root = (os.path.abspath(a) for a in sys.argv[1:])
    for tf, tag in TAGS.items():
        explore = os.path.join(results, "explore", f"Tf{tf}")
        if not os.path.isdir(explore):
            continue
        for g in sorted(os.listdir(explore)):
            d = os.path.join(root, "g", f"{tag}-q{int(g.split('-')[1])}")
            os.makedirs(d, exist_ok=True)
            links = {"explore": os.path.join(explore, g), "neb-lo": os.path.join(results, "neb", f"Tf{tf}", g),
                     "split-lo.tsv": os.path.join(results, "split", f"Tf{tf}", f"{g}.tsv"),
                     "pairs.tsv": os.path.join(results, "pairs", f"Tf{tf}", f"{g}.tsv")}
            for name, target in links.items():
                if not os.path.lexists(os.path.join(d, name)):
                    os.symlink(target, os.path.join(d, name))
            for name, stage in (("time-neb-lo.txt", "neb"), ("time-split-lo.txt", "split"), ("time-explore.txt", "explore")):
                with open(os.path.join(d, name), "w") as f:
                    f.write(bench_time(os.path.join(results, "benchmarks", stage, f"Tf{tf}", f"{g}.tsv")))
            print(d)


if __name__ == "__main__":
    main()
