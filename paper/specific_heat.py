"""Specific heat of the two-level systems, C(T)/T against T, one curve per T_f and mass
(C = (1/(N N_g)) sum (E/2T)^2 sech^2(E/2T), computed by tls-density with bootstrap intervals)."""
import numpy as np

import common
import tls_tables


def main():
    p = common.parser(__doc__)
    p.add_argument("--heat", nargs="+", required=True, help="density/Tf*/specific_heat.tsv")
    a = p.parse_args()
    common.style()
    fig, ax = common.plt.subplots(figsize=(3.6, 3.0))
    for f in sorted(a.heat, key=common.tf_of_path, reverse=True):
        t = tls_tables.read(f, "specific-heat", 1)
        tf = common.tf_of_path(f)
        for mass in sorted(set(t["mass"])):
            sel = (t["mass"] == mass) & (t["C_over_T"] > 0)
            ax.plot(t["T"][sel], t["C_over_T"][sel], common.MASS_STYLES.get(int(mass), "-"), color=common.colour(tf),
                    lw=1.2, label=rf"$T_f={tf:g}$, $\tilde m={mass:g}$")
            ax.fill_between(t["T"][sel], t["C_over_T_lo"][sel], t["C_over_T_hi"][sel], color=common.colour(tf), alpha=0.15, lw=0)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(r"$T$ ($\epsilon/k_B$)")
    ax.set_ylabel(r"$C_{\mathrm{TLS}}/T$ ($k_B$ per particle per $\epsilon/k_B$)")
    ax.legend(frameon=False, fontsize=6)
    fig.tight_layout()
    common.save(fig, a.output)


if __name__ == "__main__":
    main()
