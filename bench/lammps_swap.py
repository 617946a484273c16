#!/usr/bin/python3
"""Cost of one swap attempt in LAMMPS (`fix atom/swap`, Debian package lammps) on the model, through
../shared/peers/lammps_peer.py (imported, not copied: it builds the data file and the exact pair
tables). LAMMPS recomputes the energy of the whole system for every attempt; tls-bench's
BM_SwapSweep computes only the pairs of the particles involved.

  lammps_swap.py CONFIG.xyz [ATTEMPTS] [T]     (defaults 2000 attempts, T = 0.062)

Runs 10 MD steps with ATTEMPTS/10 swap attempts per step, and the same 10 steps without swaps,
and prints the difference per attempt (LAMMPS's own loop times).
"""
import importlib.util
import os
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
peer_path = os.environ.get("TLS_PEER", os.path.join(here, "..", "..", "shared", "peers", "lammps_peer.py"))
spec = importlib.util.spec_from_file_location("lammps_peer", peer_path)
peer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(peer)


def main():
    cfg = sys.argv[1]
    attempts = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    temperature = float(sys.argv[3]) if len(sys.argv) > 3 else 0.062
    pos, L, sig = peer.read_xyz(cfg)
    steps = 10
    times = {}
    for swaps in (attempts // steps, 0):
        wd = tempfile.mkdtemp(prefix="lammps-swap-")
        script = peer.setup(pos, L, sig, wd)
        script += f"velocity all create {temperature} 1 dist gaussian mom yes\n"
        script += f"fix 1 all nvt temp {temperature} {temperature} 1\n"
        if swaps:
            # Types 1 and 2 are the two smallest diameters: |sigma_1 - sigma_2| < 0.2, as our rule.
            script += f"fix 2 all atom/swap 1 {swaps} 4242 {temperature} ke no types 1 2\n"
        script += f"timestep 0.005\nthermo {steps}\nrun {steps}\n"
        times[swaps] = peer.loop_time(peer.lmp(wd, script))
    per = (times[attempts // steps] - times[0]) / attempts
    print(f"lammps atom/swap: N={len(pos)} attempts={attempts} loop={times[attempts // steps]:.4f}s "
          f"md_only={times[0]:.4f}s per_attempt={per * 1e6:.1f}us attempts_per_second={1 / per:.3g}")


if __name__ == "__main__":
    main()
