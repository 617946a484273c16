"""Fig. 2: pdfs of the DWP parameters (a) asymmetry dV, (b) barrier Vb, (c) d/sqrt(PR), (d) PR,
one curve per T_f (log-linear, as in the paper)."""
import numpy as np

import common
import tls_tables

PANELS = [("dV", r"$\Delta V$ ($\epsilon$)"), ("Vb", r"$V_b$ ($\epsilon$)"),
          ("d_sqrtPR", r"$d/\sqrt{\mathrm{PR}}$ ($\sigma$)"), ("PR", "PR")]


def main():
    p = common.parser(__doc__)
    for key, _ in PANELS:
        p.add_argument("--" + key.replace("_", "-"), nargs="+", required=True, dest=key)
    a = p.parse_args()
    common.style()
    fig, axes = common.plt.subplots(2, 2, figsize=(6.8, 5.2))
    for ax, (key, label), letter in zip(axes.flat, PANELS, "abcd"):
        for f in sorted(getattr(a, key), key=common.tf_of_path, reverse=True):
            t = tls_tables.read(f, "pdf", 1)
            tf = common.tf_of_path(f)
            sel = t["pdf"] > 0
            ax.plot(t["x"][sel], t["pdf"][sel], "o-", ms=2.5, lw=1, color=common.colour(tf),
                    label=f"$T_f = {tf:g}$ ({t.meta.get('dwps', '?')} DWPs)")
        ax.set_yscale("log")
        ax.set_xlabel(label)
        ax.set_ylabel("pdf")
        ax.set_title(f"({letter})", loc="left")
    axes[0][0].legend(frameon=False)
    fig.tight_layout()
    common.save(fig, a.output)


if __name__ == "__main__":
    main()
