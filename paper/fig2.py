"""Fig. 2: pdfs of the DWP parameters (a) asymmetry dV, (b) barrier Vb, (c) d_end/sqrt(PR), (d) PR,
one curve per T_f (log-linear, as in the paper).

Curves are step histograms whose bins are merged until the occupied ones hold about MIN_COUNT DWPs
on average (tls-density's fine bins give jagged lines for 20-50 DWPs); the legend gives the number
of DWPs N of each curve. With --max-dE (the pairs' |E_a - E_b| cut of tls-pairs), the range of dV
the cut removes is shaded: above it dV holds only segments of split pairs (whose end minima are
not the pair's), a spurious tail, and is not drawn. Vb, d/sqrt(PR) and PR are pdfs over the same
DWPs, i.e. conditional on dV below the cut (docs/workflow.md)."""
import math

import numpy as np

import common
import tls_tables

PANELS = [("dV", r"$\Delta V$ ($\epsilon$)"), ("Vb", r"$V_b$ ($\epsilon$)"),
          ("d_sqrtPR", r"$d_{\mathrm{end}}/\sqrt{\mathrm{PR}}$ ($\sigma$)"), ("PR", "PR")]
MIN_COUNT = 5


def rebinned(t, x_max=math.inf):
    """Edges and pdf of tls-density's bins merged so that occupied bins hold ~MIN_COUNT DWPs."""
    lo, hi, count = t["lo"], t["hi"], t["count"]
    keep = lo < x_max
    lo, hi, count = lo[keep], hi[keep], count[keep]
    total = float(t.meta.get("dwps", count.sum())) or 1.0
    occupied = np.nonzero(count > 0)[0]
    if not len(occupied):
        return None, None
    last = occupied[-1] + 1
    lo, hi, count = lo[:last], hi[:last], count[:last]
    k = max(1, int(math.ceil(MIN_COUNT * len(occupied) / max(count.sum(), 1))))
    edges, pdf = [lo[0]], []
    for s in range(0, len(lo), k):
        e = min(s + k, len(lo))
        edges.append(min(hi[e - 1], x_max))
        pdf.append(count[s:e].sum() / (total * (edges[-1] - edges[-2])))
    return np.array(edges), np.array(pdf)


def main():
    p = common.parser(__doc__)
    for key, _ in PANELS:
        p.add_argument("--" + key.replace("_", "-"), nargs="+", required=True, dest=key)
    p.add_argument("--max-dE", type=float, default=None, help="the pairs' energy cut (tls-pairs --max-dE)")
    a = p.parse_args()
    common.style()
    fig, axes = common.plt.subplots(2, 2, figsize=(6.8, 5.2))
    for ax, (key, label), letter in zip(axes.flat, PANELS, "abcd"):
        cut = a.max_dE if (key == "dV" and a.max_dE) else math.inf
        for f in sorted(getattr(a, key), key=common.tf_of_path, reverse=True):
            t = tls_tables.read(f, "pdf", 1)
            tf = common.tf_of_path(f)
            edges, pdf = rebinned(t, cut)
            if edges is None:
                continue
            n = int(t["count"][t["lo"] < cut].sum())
            ax.stairs(np.where(pdf > 0, pdf, np.nan), edges, lw=1.2, color=common.colour(tf),
                      label=f"$T_f = {tf:g}$ (N = {n})")
        if math.isfinite(cut):
            ax.axvspan(cut, max(ax.get_xlim()[1], 1.5 * cut), color="0.85", lw=0, zorder=0,
                       label=f"cut by the pair filter\n($|E_a - E_b| < {cut:g}$)")
            ax.set_xlim(0, 1.3 * cut)
        ax.set_yscale("log")
        ax.set_xlabel(label)
        ax.set_ylabel("pdf")
        ax.set_title(f"({letter})", loc="left")
        ax.legend(frameon=False, fontsize=6)
    fig.tight_layout()
    common.save(fig, a.output)


if __name__ == "__main__":
    main()
