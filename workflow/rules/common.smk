# Shared names of the workflow: output folders, the glasses of each T_f, tool programs, seeds.
import json
import math
import os
import re

RESULTS = config["results"]
LOGS = f"{RESULTS}/logs"
BENCH = f"{RESULTS}/benchmarks"
TOOLS = config["tools"]
PY = config["python"]
TFS = sorted(config["glasses"], key=float, reverse=True)  # "0.092", "0.07", "0.062"
FIGURES = ["fig1", "fig2", "fig3", "fig4", "specific_heat", "convergence"]

wildcard_constraints:
    tf="[0-9.]+",
    glass="[0-9]{3}-[0-9]{4}",


def glasses(tf):
    """Glass names of T_f: replica-snapshot, as tls-equilibrate numbers its glass files."""
    g = config["glasses"][tf]
    return [f"{r:03d}-{k:04d}" for r in range(g["replicas"]) for k in range(g["snapshots"])]


def explore_config(tf):
    """The exploration settings of T_f: the top-level `explore`, overridden by `glasses.<T_f>.explore`."""
    return {**config["explore"], **config["glasses"][tf].get("explore", {})}


def n_glasses(tf):
    g = config["glasses"][tf]
    return g["replicas"] * g["snapshots"]


def ladder(tf):
    """The temperatures of the equilibration run that ends at T_f: the ladder above T_f, or, with a
    start configuration, only the ladder's temperatures between the start's temperature and T_f."""
    start = config["equilibrate"].get("start")
    top = start["temperature"] if start else math.inf
    ts = [t for t in config["equilibrate"]["ladder"] if float(tf) + 1e-12 < t < top - 1e-12]
    return ",".join(str(t) for t in ts + [float(tf)])


def equilibrate_start():
    """The configuration every chain starts from ([] for a random start)."""
    start = config["equilibrate"].get("start")
    return [start["file"]] if start else []


def equilibrium_reference():
    """The documented equilibrium line of the start configuration ([] when none)."""
    start = config["equilibrate"].get("start") or {}
    return [start["reference"]] if start.get("reference") else []


def seed(stage, tf, glass=None):
    """A distinct, reproducible seed per stage, T_f and glass (the tools derive their streams from it)."""
    key = f"{stage}/{tf}/{glass}"
    h = 0
    for c in key.encode():
        h = (h * 131 + c) % 1000003
    return config["seed"] * 1000003 + h


def same_tf(a, b):
    """T_f given as a glasses key ("0.07") or as a number (0.07) in a list of the config."""
    return abs(float(a) - float(b)) < 1e-12


def screened(tf):
    """Whether T_f's pairs go through the iterative screen (screen.smk) instead of NEB on every pair
    (neb.smk): `screen.enabled` is true, or a list of T_f that holds this one."""
    e = config["screen"]["enabled"]
    return e is True or (isinstance(e, list) and any(same_tf(t, tf) for t in e))


def tf_pattern(tfs):
    """A wildcard constraint matching exactly these T_f names (rules of the screened and the other T_f
    write the same neb/ and split/ paths, so each T_f must match one of them)."""
    return "|".join(re.escape(tf) for tf in tfs)


if isinstance(config["screen"]["enabled"], list):
    unknown = [t for t in config["screen"]["enabled"] if not any(same_tf(t, tf) for tf in TFS)]
    if unknown:
        raise ValueError(f"screen.enabled names T_f {unknown} that are not keys of `glasses` ({TFS})")
SCREENED_TFS = [tf for tf in TFS if screened(tf)]
PLAIN_TFS = [tf for tf in TFS if not screened(tf)]


def per_glass(pattern):
    """Expands a per-glass path pattern over every T_f and glass."""
    return [pattern.format(tf=tf, glass=g) for tf in TFS for g in glasses(tf)]


def density(table):
    """The density table of every T_f."""
    return [f"{RESULTS}/density/Tf{tf}/{table}.tsv" for tf in TFS]
