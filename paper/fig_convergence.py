"""Convergence with exploration effort (issue 14; no published study shows it): per T_f, against the
isoconfigurational runs explored per glass, (a) minima per glass, (b) double wells per glass,
(c) n0 for each mass (plateau fit where positive, else the window mean; open markers), with
bootstrap intervals over glasses. Effort k reuses the full run's NEB and splittings of the pairs
available after k runs (paper/convergence.py), so the curves are nested, not independent."""
import numpy as np

import common
import tls_tables


def headline(t, rows):
    """n0 and interval of the rows: the plateau fit where positive, else the window mean."""
    fit = t["n0_fit"][rows] if t.has("n0_fit") else np.full(len(rows), np.nan)
    use_fit = np.isfinite(fit) & (fit > 0)
    n0 = np.where(use_fit, fit, t["n0"][rows])
    lo = np.where(use_fit, t["n0_fit_lo"][rows] if t.has("n0_fit") else np.nan, t["n0_lo"][rows])
    hi = np.where(use_fit, t["n0_fit_hi"][rows] if t.has("n0_fit") else np.nan, t["n0_hi"][rows])
    return n0, lo, hi, use_fit


def errorbar(ax, x, y, lo, hi, **kw):
    yerr = [np.clip(np.nan_to_num(y - lo), 0, None), np.clip(np.nan_to_num(hi - y), 0, None)]
    return ax.errorbar(x, y, yerr=yerr, capsize=1.5, ms=3, lw=1, **kw)


def main():
    p = common.parser(__doc__)
    p.add_argument("tables", nargs="+", help="convergence/Tf*.tsv (tls-convergence)")
    a = p.parse_args()
    common.style()
    tables = {common.tf_of_path(f): tls_tables.read(f, "convergence", 1) for f in a.tables}
    masses = sorted({m for t in tables.values() for m in t["mass"]})
    fig, axes = common.plt.subplots(1, 2 + len(masses), figsize=(3.0 * (2 + len(masses)), 2.9), squeeze=False)
    ax_min, ax_dw, ax_n0 = axes[0][0], axes[0][1], axes[0][2:]
    drawn = {mass: 0 for mass in masses}  # positive n0 points per panel (a log axis needs one)
    for tf in sorted(tables, reverse=True):
        t, c = tables[tf], common.colour(tf)
        first = np.where(t["mass"] == masses[0])[0]
        errorbar(ax_min, t["runs"][first], t["minima"][first], t["minima_lo"][first], t["minima_hi"][first],
                 fmt="o-", color=c, label=f"$T_f = {tf:g}$")
        errorbar(ax_dw, t["runs"][first], t["dwps"][first], t["dwps_lo"][first], t["dwps_hi"][first],
                 fmt="o-", color=c)
        for ax, mass in zip(ax_n0, masses):
            rows = np.where(t["mass"] == mass)[0]
            n0, lo, hi, use_fit = headline(t, rows)
            pos = n0 > 0
            drawn[mass] += int(pos.sum())
            ax.plot(t["runs"][rows][pos], n0[pos], "-", color=c, lw=1)
            for sel, face in ((use_fit & pos, c), (~use_fit & pos, "none")):
                errorbar(ax, t["runs"][rows][sel], n0[sel], lo[sel], hi[sel], fmt="o", color=c, mfc=face)
    for ax, label in ((ax_min, "minima per glass"), (ax_dw, "double wells per glass")):
        ax.set_ylabel(label)
    for ax, mass in zip(ax_n0, masses):
        ax.set_ylabel(r"$n_0$ ($\epsilon^{-1}$ per particle)")
        ax.set_title(rf"$\tilde m = {mass:g}$")
        if drawn[mass]:
            ax.set_yscale("log")
        else:
            ax.text(0.5, 0.5, "no TLS in the plateau window", transform=ax.transAxes, ha="center", fontsize=8)
    for ax in axes[0]:
        ax.set_xscale("log", base=2)
        ax.set_xlabel("runs per glass")
    handles, labels = ax_min.get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=max(len(labels), 1), frameon=False,
               title="filled: plateau fit; open: window mean (fit not positive); zero n0 not drawn",
               title_fontsize=7)
    fig.tight_layout(rect=(0, 0.17, 1, 1))
    common.save(fig, a.output)


if __name__ == "__main__":
    main()
