#!/usr/bin/python3
"""Stage-by-stage wall and CPU time of a finished workflow run: the README's "Workflow" table.

    tools/dev/stage_times.py SNAKEMAKE_LOG [RUN_DIR]     # RUN_DIR: where Snakemake ran (default .)

Per rule of the Snakefile:
  jobs        jobs of that rule that ran (the log's "rule X:" entries);
  wall time   minutes during which at least one job of the rule was running (the union of the jobs'
              intervals from the log's start and "Finished job N." time stamps, to the second);
  job wall    the jobs' wall minutes summed (column s of each job's `benchmark:` file, named in the
              log; the log's interval where a job has none);
  CPU time    CPU minutes summed over the same files (column cpu_time);
  longest     the longest job's wall minutes and its benchmark file.
The last lines give the run's span from the first job's start to the last job's end, and the
core-minutes left idle over it (cores: the most threads seen running at once, or $CORES). Rules whose
jobs sum to under 5 minutes are pooled in one row. Only the standard library.
"""
import csv
import os
import datetime
import pathlib
import re
import sys


def log_intervals(log_path):
    """(rule, benchmark file or None, start, end, threads) per job finished in a Snakemake log."""
    stamp = re.compile(r"^\[(\w{3} \w{3} +\d+ \d\d:\d\d:\d\d \d{4})\]$")
    now, pending, jobs = None, None, {}
    done = []
    for line in open(log_path, errors="replace"):
        line = line.rstrip("\n")
        m = stamp.match(line)
        if m:
            now = datetime.datetime.strptime(m.group(1), "%a %b %d %H:%M:%S %Y")
            continue
        m = re.match(r"^(?:local)?rule (\w+):$", line)
        if m:
            pending = {"rule": m.group(1), "start": now, "benchmark": None, "threads": 1}
            continue
        if pending is not None:
            m = re.match(r"^\s+jobid: (\d+)$", line)
            if m:
                jobs[m.group(1)] = pending
                continue
            m = re.match(r"^\s+threads: (\d+)$", line)
            if m:
                pending["threads"] = int(m.group(1))
                continue
            m = re.match(r"^\s+benchmark: (.*)$", line)
            if m:
                pending["benchmark"] = m.group(1)
                continue
        m = re.match(r"^Finished job (\d+)\.$", line)
        if m and m.group(1) in jobs:
            job = jobs.pop(m.group(1))
            done.append((job["rule"], job["benchmark"], job["start"], now, job["threads"]))
    return done


def union_minutes(intervals):
    total, end = 0.0, None
    for a, b in sorted(intervals):
        if end is None or a > end:
            total += (b - a).total_seconds()
            end = b
        elif b > end:
            total += (b - end).total_seconds()
            end = b
    return total / 60


def idle_core_minutes(done, cores):
    """Core-minutes left idle between the first start and the last end: the integral of
    cores - (threads of the jobs running), where positive."""
    events = sorted([(a, t) for _, _, a, _, t in done] + [(b, -t) for _, _, _, b, t in done],
                    key=lambda e: (e[0], e[1]))
    idle, busy, prev = 0.0, 0, None
    for when, change in events:
        if prev is not None:
            idle += max(0, cores - busy) * (when - prev).total_seconds()
        busy += change
        prev = when
    return idle / 60


def benchmark(root, path):
    """(wall s, cpu s) of one job from its Snakemake benchmark file, or None."""
    if path is None:
        return None
    f = pathlib.Path(root) / path
    if not f.is_file():
        return None
    with open(f) as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    if not rows:
        return None
    return float(rows[-1]["s"]), float(rows[-1].get("cpu_time") or 0)


def main(argv):
    if len(argv) > 1 and argv[1] in ("-h", "--help"):
        sys.stdout.write(__doc__)
        return 0
    if len(argv) not in (2, 3):
        sys.stderr.write(__doc__)
        return 64
    root = argv[2] if len(argv) == 3 else "."
    done = log_intervals(argv[1])
    if not done:
        sys.stderr.write(f"stage_times.py: no finished jobs in {argv[1]}\n")
        return 65
    stages = {}
    for rule, bench, a, b, _ in done:
        if rule == "all":
            continue
        st = stages.setdefault(rule, {"iv": [], "wall": 0.0, "cpu": 0.0, "longest": (0.0, "")})
        st["iv"].append((a, b))
        w = benchmark(root, bench)
        if w is None:
            w = ((b - a).total_seconds(), 0.0)
        st["wall"] += w[0]
        st["cpu"] += w[1]
        if w[0] > st["longest"][0]:
            st["longest"] = (w[0], (bench or rule).split("benchmarks/")[-1])
    print("| stage | jobs | wall time (any job running) | job wall time (sum) | CPU time | longest job |")
    print("|---|---|---|---|---|---|")
    small = []
    for rule, st in sorted(stages.items(), key=lambda kv: -kv[1]["wall"]):
        if st["wall"] < 300:
            small.append((rule, st))
            continue
        print(f"| {rule} | {len(st['iv'])} | {union_minutes(st['iv']):.0f} min | {st['wall'] / 60:.0f} min | "
              f"{st['cpu'] / 60:.0f} min | {st['longest'][0] / 60:.1f} min ({st['longest'][1]}) |")
    if small:
        iv = [x for _, st in small for x in st["iv"]]
        print(f"| {', '.join(r for r, _ in small)} | {sum(len(st['iv']) for _, st in small)} | "
              f"{union_minutes(iv):.1f} min | {sum(st['wall'] for _, st in small) / 60:.1f} min | "
              f"{sum(st['cpu'] for _, st in small) / 60:.1f} min | |")
    first = min(x[2] for x in done)
    last = max(x[3] for x in done)
    cpu_all = sum(st["cpu"] for st in stages.values()) / 60
    print(f"\nrun: {first:%Y-%m-%d %H:%M:%S} to {last:%H:%M:%S}, {(last - first).total_seconds() / 60:.0f} min "
          f"wall, {cpu_all:.0f} CPU-minutes of jobs, {len(done)} jobs")
    cores = int(os.environ.get("CORES", "0")) or max(
        sum(x[4] for x in done if x[2] <= t < x[3]) for t in (y[2] for y in done))
    print(f"cores idle: {idle_core_minutes(done, cores):.0f} core-minutes of {cores} cores "
          f"(fewer jobs running than cores: the tail a longest-first order could shorten)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
