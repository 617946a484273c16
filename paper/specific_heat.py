"""Specific heat of the two-level systems, C(T)/T against T, one curve per T_f and mass
(C = (1/(N N_g)) sum (E/2T)^2 sech^2(E/2T), computed by tls-density with bootstrap intervals),
compared with the standard tunnelling model's C/T = (pi^2/6) n0 for the plateau n0 of the same
glasses (dotted), and with the harmonic contribution of the Hessian modes of the same glasses' inherent
structures, C_harm/T with hbar omega = sqrt(lambda/m~) (dash-dotted, thin; SPEC section 7: subdominant at
low T, where it freezes out exponentially below the softest mode). Below the smallest splitting of a finite sample C/T falls exponentially; the
axis stops four decades below the largest value."""
import numpy as np

import common
import tls_tables


def main():
    p = common.parser(__doc__)
    p.add_argument("--heat", nargs="+", required=True, help="density/Tf*/specific_heat.tsv")
    p.add_argument("--harmonic", nargs="*", default=[], help="density/Tf*/harmonic/specific_heat_harmonic.tsv")
    p.add_argument("--summaries", nargs="*", default=[], help="density/Tf*/summary.tsv (n0 for the STM lines)")
    a = p.parse_args()
    common.style()
    fig, ax = common.plt.subplots(figsize=(3.6, 3.0))
    n0 = {}
    for f in a.summaries:
        t = tls_tables.read(f, "density-summary", 1)
        for k in range(len(t)):
            n0[(common.tf_of_path(f), float(t["mass"][k]))] = float(t["n0"][k])
    top = 0.0
    for f in sorted(a.heat, key=common.tf_of_path, reverse=True):
        t = tls_tables.read(f, "specific-heat", 1)
        tf = common.tf_of_path(f)
        for mass in sorted(set(t["mass"])):
            sel = (t["mass"] == mass) & (t["C_over_T"] > 0)
            ax.plot(t["T"][sel], t["C_over_T"][sel], common.MASS_STYLES.get(int(mass), "-"), color=common.colour(tf),
                    lw=1.2, label=rf"$T_f={tf:g}$, $\tilde m={mass:g}$")
            ax.fill_between(t["T"][sel], t["C_over_T_lo"][sel], t["C_over_T_hi"][sel], color=common.colour(tf), alpha=0.15, lw=0)
            if sel.any():
                top = max(top, float(np.max(t["C_over_T_hi"][sel])))
            stm = n0.get((tf, float(mass)), 0.0) * np.pi**2 / 6
            if stm > 0:
                ax.axhline(stm, color=common.colour(tf), ls=":", lw=0.8)
    labelled = False
    for f in sorted(a.harmonic, key=common.tf_of_path, reverse=True):
        t = tls_tables.read(f, "specific-heat", 1)
        tf = common.tf_of_path(f)
        for mass in sorted(set(t["mass"])):
            sel = (t["mass"] == mass) & (t["C_over_T"] > 0)
            ax.plot(t["T"][sel], t["C_over_T"][sel], "-.", color=common.colour(tf), lw=0.7,
                    label=None if labelled else r"harmonic $C_{\mathrm{harm}}/T$ (colour: $T_f$)")
            labelled = True
            if top == 0 and sel.any():
                top = float(np.max(t["C_over_T"][sel])) / 100
    if top > 0:
        ax.set_ylim(top * 1e-4, top * 3)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(r"$T$ ($\epsilon/k_B$)")
    ax.set_ylabel(r"$C/T$ ($k_B$ per particle per $\epsilon/k_B$)")
    ax.legend(frameon=False, fontsize=6)
    fig.tight_layout()
    common.save(fig, a.output)


if __name__ == "__main__":
    main()
