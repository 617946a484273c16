"""Fig. 1: (a) equilibrium potential energy per particle against T (line) with the three glasses
at T_f (bullets) and their energy after instantaneous quenches to lower temperatures (coloured
lines); (c) one double-well potential V(xi) with its classical parameters (dV, V_a, V_b) and the
ground doublet E1, E2 and splitting E. (Panel (b) of the paper is a sketch, not data.)"""
import numpy as np

import common
import tls_tables


def panel_a(ax, summaries, quenches, reference=None):
    line = {}
    bullets = {}
    for f in summaries:
        t = tls_tables.read(f, "equilibrium", 1)
        tf = common.tf_of_path(f)
        for T, e, err in zip(t["temperature"], t["e"], t["e_err"]):
            line.setdefault(round(T, 6), []).append((e, err))
        last = np.isclose(t["temperature"], tf)
        bullets[tf] = (np.mean(t["e"][last]), np.sqrt(np.sum(t["e_err"][last] ** 2)) / max(1, last.sum()))
    T = np.array(sorted(line))
    e = np.array([np.mean([v[0] for v in line[k]]) for k in T])
    err = np.array([np.sqrt(np.sum([v[1] ** 2 for v in line[k]])) / len(line[k]) for k in T])
    if reference:
        # The chains started from a documented equilibrium run (config equilibrate.start): its line,
        # and this run's chains as points on it.
        r = tls_tables.read(reference, "equilibrium", 1)
        ax.errorbar(r["temperature"], r["e"], yerr=r["e_err"], fmt="-", color="k", lw=1, capsize=1.5,
                    label="equilibrium (long run)")
        ax.errorbar(T, e, yerr=err, fmt="s", color="k", ms=3, mfc="none", capsize=1.5, label="this run's chains")
    else:
        ax.errorbar(T, e, yerr=err, fmt="-", color="k", lw=1, capsize=1.5, label="equilibrium")
    for f in quenches:
        t = tls_tables.read(f, "quench", 1)
        tf = common.tf_of_path(f)
        pts = [(tf, bullets[tf][0])]
        for q in sorted(set(t["quench_temperature"]), reverse=True):
            sel = t["quench_temperature"] == q
            times = t["time"][sel]
            late = sel.copy()
            late[sel] = times >= 0.5 * times.max()  # the glass after the quench: mean of the second half
            pts.append((q, np.mean(t["e"][late])))
        pts = np.array(pts)
        ax.plot(pts[:, 0], pts[:, 1], "-", color=common.colour(tf), lw=1.2)
        ax.plot([tf], [bullets[tf][0]], "o", color=common.colour(tf), ms=6, label=f"$T_f = {tf:g}$")
    ax.set_xlabel(r"$T$ ($\epsilon/k_B$)")
    ax.set_ylabel(r"$E/N$ ($\epsilon$)")
    ax.legend(frameon=False)
    ax.set_title("(a)", loc="left")


def choose_dwp(profiles, splits):
    """A readable example: both levels below the barrier top, a splitting at least 2 % of V_b; the
    clearest such double well (largest barrier) of the first glass that has one."""
    for pf, sf in zip(profiles, splits):
        s = tls_tables.read(sf, "splitting", 1)
        if len(s) == 0:
            continue
        flags = s.text("flag")
        best = None
        for k in range(len(s)):
            vb, dv, e1, e2, E = s["Vb"][k], s["dV"][k], s["E1"][k], s["E2"][k], s["splitting"][k]
            if flags[k] != "ok" or not np.isfinite(vb) or e2 >= vb + dv / 2 or E < 0.02 * vb:
                continue
            if best is None or vb > s["Vb"][best]:
                best = k
        if best is not None:
            return pf, s, best
    return None


def panel_c(ax, profiles, splits):
    chosen = choose_dwp(profiles, splits)
    ax.set_title("(c)", loc="left")
    if chosen is None:
        ax.text(0.5, 0.5, "no double well with both levels\nbelow the barrier in these results", ha="center",
                va="center", transform=ax.transAxes)
        return
    pf, s, k = chosen
    ident, mass = s.text("id")[k], s["mass"][k]
    p = tls_tables.read(pf, "profile", 1)
    sel = np.array([i == ident for i in p.text("id")])
    xi, V = p["xi"][sel], p["V"][sel]
    dV, Vb, e1, e2, E = s["dV"][k], s["Vb"][k], s["E1"][k], s["E2"][k], s["splitting"][k]
    Va = Vb + dV / 2
    ax.plot(xi, V, "k-", lw=1.2)
    ax.axhline(e1, color="tab:blue", lw=1, label=rf"$\mathcal{{E}}_1$")
    ax.axhline(e2, color="tab:orange", lw=1, label=rf"$\mathcal{{E}}_2$, $E = {E:.2g}\,\epsilon$")
    ax.annotate("", xy=(1.0, dV), xytext=(1.0, 0), arrowprops=dict(arrowstyle="<->", lw=0.8))
    ax.text(1.03, dV / 2, r"$\Delta V$", va="center")
    top = xi[np.argmax(np.where((xi > 0) & (xi < 1), V, -np.inf))]
    ax.annotate("", xy=(top, Va), xytext=(top, 0), arrowprops=dict(arrowstyle="<->", lw=0.8))
    ax.text(top + 0.02, Va / 2, r"$V_a$", va="center")
    ax.annotate("", xy=(top - 0.12, Va), xytext=(top - 0.12, dV / 2), arrowprops=dict(arrowstyle="<->", lw=0.8, color="grey"))
    ax.text(top - 0.11, (Va + dV / 2) / 2, r"$V_b$", va="center", color="grey")
    ax.set_xlim(-0.3, 1.3)
    ax.set_ylim(-0.1 * Va, 1.4 * Va)
    ax.set_xlabel(r"$\xi$")
    ax.set_ylabel(r"$V(\xi)$ ($\epsilon$)")
    ax.legend(frameon=False, loc="upper right", title=rf"{s.meta.get('glass', '')}, DWP {ident}, $\tilde m={mass:g}$",
              title_fontsize=7)


def main():
    p = common.parser(__doc__)
    p.add_argument("--summary", nargs="+", required=True)
    p.add_argument("--quench", nargs="+", required=True)
    p.add_argument("--profiles", nargs="+", required=True)
    p.add_argument("--split", nargs="+", required=True)
    p.add_argument("--reference", default="", help="a long equilibrium run drawn as the line (tls-equilibrium)")
    a = p.parse_args()
    if len(a.profiles) != len(a.split):
        raise SystemExit("fig1.py: --profiles and --split must pair up glass by glass")
    common.style()
    fig, axes = common.plt.subplots(1, 2, figsize=(7.0, 3.0))
    panel_a(axes[0], a.summary, a.quench, a.reference)
    panel_c(axes[1], a.profiles, a.split)
    fig.tight_layout()
    common.save(fig, a.output)


if __name__ == "__main__":
    main()
