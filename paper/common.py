"""Shared look of the figures: one colour per T_f, saving to PNG and PDF, argument parsing."""
import argparse
import os
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# Hyperquenched to ultrastable, as in the paper's figures.
TF_COLOURS = {0.092: "#d62728", 0.07: "#2ca02c", 0.062: "#1f77b4"}
MASS_STYLES = {4000: "-", 30000: "--"}


def colour(tf):
    return TF_COLOURS.get(round(float(tf), 4), "k")


def tf_of_path(path):
    """T_f from a results path (.../Tf0.092/...)."""
    m = re.search(r"Tf([0-9.]+?)(?:/|-|\.tsv$|$)", str(path))
    if not m:
        raise ValueError(f"no Tf<value> in {path}")
    return float(m.group(1))


def parser(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("-o", "--output", nargs="+", required=True, help="figure files (png, pdf)")
    return p


def save(fig, outputs):
    for path in outputs:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        tmp = os.path.join(os.path.dirname(path) or ".", "." + os.path.basename(path) + ".tmp" + os.path.splitext(path)[1])
        fig.savefig(tmp, dpi=150, bbox_inches="tight", metadata={"CreationDate": None} if path.endswith(".pdf") else None)
        os.replace(tmp, path)
    plt.close(fig)


def style():
    plt.rcParams.update({"font.size": 9, "axes.labelsize": 10, "legend.fontsize": 8, "figure.dpi": 150})
