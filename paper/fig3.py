"""Fig. 3: n(E)/E against the tunnel splitting E, one curve per T_f, for each mass, with bootstrap
error bars over glasses; over the plateau window, the window mean of n(E)/E (dotted) and, by a
triangle at the window's low end, the intercept n0_fit of the plateau fit n0 + b E (the report's
headline estimator). The legend
sits below the panels so that it never covers the data."""
import numpy as np

import common
import tls_tables


def main():
    p = common.parser(__doc__)
    p.add_argument("--curves", nargs="+", required=True, help="density/Tf*/n_of_E.tsv")
    p.add_argument("--summaries", nargs="+", required=True, help="density/Tf*/summary.tsv")
    a = p.parse_args()
    common.style()
    curves = {common.tf_of_path(f): tls_tables.read(f, "density-curve", 1) for f in a.curves}
    summaries = {common.tf_of_path(f): tls_tables.read(f, "density-summary", 1) for f in a.summaries}
    masses = sorted({m for t in curves.values() for m in t["mass"]})
    fig, axes = common.plt.subplots(1, len(masses), figsize=(3.4 * len(masses), 3.0), squeeze=False)
    for ax, mass in zip(axes[0], masses):
        for tf in sorted(curves, reverse=True):
            t = curves[tf]
            sel = (t["mass"] == mass) & (t["count"] > 0)
            E, y, lo, hi = t["E"][sel], t["n_over_E"][sel], t["n_over_E_lo"][sel], t["n_over_E_hi"][sel]
            ax.errorbar(E, y, yerr=[np.clip(y - lo, 0, None), np.clip(hi - y, 0, None)], fmt="o-", ms=2.5, lw=1,
                        capsize=1.5, color=common.colour(tf), label=f"$T_f = {tf:g}$")
            s = summaries[tf]
            row = np.where(s["mass"] == mass)[0]
            if len(row) and np.isfinite(s["n0"][row[0]]) and s["n0"][row[0]] > 0:
                lo_p, hi_p = (float(v) for v in s.meta.get("plateau", "1e-4,1e-3").split(","))
                ax.hlines(s["n0"][row[0]], lo_p, hi_p, colors=common.colour(tf), linestyles=":", lw=1.5)
                if "n0_fit" in s.columns and np.isfinite(s["n0_fit"][row[0]]) and s["n0_fit"][row[0]] > 0:
                    ax.plot([lo_p, lo_p], [s["n0_fit"][row[0]]] * 2, marker="<", ms=4, color=common.colour(tf))
        ax.axvline(2 * np.pi / mass, color="grey", lw=0.8, ls="--")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(r"$E$ ($\epsilon$)")
        ax.set_ylabel(r"$n(E)/E$ ($\epsilon^{-1}$ per particle)")
        ax.set_title(rf"$\tilde m = {mass:g}$")
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=max(len(labels), 1), frameon=False,
               title=r"dotted: window mean of $n(E)/E$; $\triangleleft$: plateau fit $n_0$; dashed line: $2\pi/\tilde m$",
               title_fontsize=7)
    fig.tight_layout(rect=(0, 0.16, 1, 1))
    common.save(fig, a.output)


if __name__ == "__main__":
    main()
