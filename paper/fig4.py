"""Fig. 4: two active TLS of a hyperquenched glass drawn in 3-D, each particle with size and colour
proportional to its displacement between the two minima (normalised to the largest displacement)."""
import os

import numpy as np

import common
import tls_tables


def read_xyz(path):
    with open(path) as f:
        n = int(f.readline())
        head = f.readline()
        lat = head.split('Lattice="')[1].split('"')[0].split()
        L = float(lat[0])
        pos = np.array([[float(v) for v in f.readline().split()[1:4]] for _ in range(n)])
    return pos, L


def displacement(a, b, L):
    d = b - a
    d -= L * np.round(d / L)
    d -= d.mean(axis=0)  # remove the centre-of-mass shift
    return np.linalg.norm(d, axis=1)


def main():
    p = common.parser(__doc__)
    p.add_argument("table", help="figures/fig4-tls.tsv from fig4_select.py")
    a = p.parse_args()
    common.style()
    t = tls_tables.read(a.table, "fig4", 1)
    here = os.path.dirname(a.table)
    n = max(1, len(t))
    fig = common.plt.figure(figsize=(3.4 * n, 3.4))
    if len(t) == 0:
        ax = fig.add_subplot(1, 1, 1)
        ax.text(0.5, 0.5, f"no active TLS at m = {t.meta.get('mass')} in these results", ha="center", va="center")
        ax.axis("off")
    for k in range(len(t)):
        pa, L = read_xyz(os.path.join(here, t.text("a")[k]))
        pb, _ = read_xyz(os.path.join(here, t.text("b")[k]))
        u = displacement(pa, pb, L)
        w = u / u.max()
        x = pa - L * np.floor(pa / L)
        ax = fig.add_subplot(1, n, k + 1, projection="3d")
        order = np.argsort(w)
        ax.scatter(x[order, 0], x[order, 1], x[order, 2], s=2 + 80 * w[order], c=w[order], cmap="viridis",
                   vmin=0, vmax=1, depthshade=False, linewidths=0)
        ax.set_title(f"({'ab'[k]}) PR = {t['PR'][k]:.3g}, E = {t['splitting'][k]:.2g}", fontsize=8)
        ax.set_xticks([]), ax.set_yticks([]), ax.set_zticks([])
    fig.tight_layout()
    common.save(fig, a.output)


if __name__ == "__main__":
    main()
