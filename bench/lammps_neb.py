#!/usr/bin/python3
"""CI-NEB of one pair of minima in LAMMPS (REPLICA package), for bench/compare_lammps_neb.sh.

  lammps_neb.py A.xyz B.xyz [REPLICAS=32] [FTOL=1e-6] [N1=10000] [N2=10000]

The model as in ../shared/peers/lammps_peer.py (pair_style table, one type per distinct diameter,
so at most 40 distinct diameters). LAMMPS's NEB needs one MPI rank per replica: this runs REPLICAS
ranks with mpirun --oversubscribe on however many cores there are. FIRE on the band (timestep 0.01,
so dt_max = 0.1 as tls-neb's FIRE), spring 1, "parallel ideal", max per-atom force norm as the
criterion (min_modify norm max): plain NEB until it is below FTOL or N1 steps, then the climbing
image until FTOL or N2 steps. Prints wall time, steps, force calls, the barrier and LAMMPS's own loop
time.
"""
import os, re, shutil, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.environ.get("TLS_PEER_DIR", os.path.join(here, "..", "..", "shared", "peers")))
import lammps_peer as peer  # noqa: E402


def main():
    a, b = sys.argv[1], sys.argv[2]
    replicas = int(sys.argv[3]) if len(sys.argv) > 3 else 32
    ftol = float(sys.argv[4]) if len(sys.argv) > 4 else 1e-6
    n1 = int(sys.argv[5]) if len(sys.argv) > 5 else 10000
    n2 = int(sys.argv[6]) if len(sys.argv) > 6 else 10000
    pos_a, L, sig = peer.read_xyz(a)
    pos_b, _, _ = peer.read_xyz(b)
    wd = tempfile.mkdtemp(prefix="lammps-neb-")
    head = peer.setup(pos_a, L, sig, wd).replace("atom_style atomic\n", "atom_style atomic\natom_modify map array sort 0 0.0\n")
    with open(f"{wd}/final.coords", "w") as f:
        f.write(f"{len(pos_b)}\n")
        f.writelines(f"{k + 1} {p[0]!r} {p[1]!r} {p[2]!r}\n" for k, p in enumerate(pos_b % L))
    with open(f"{wd}/in.neb", "w") as f:
        f.write(head + "timestep 0.01\nmin_style fire\nmin_modify norm max\n"
                "fix 1 all neb 1.0 parallel ideal\nthermo 100\n"
                f"neb 0.0 {ftol} {n1} {n2} 100 final final.coords\n")
    cmd = ["mpirun", "--oversubscribe", "--mca", "mpi_yield_when_idle", "1", "-np", str(replicas), "lmp",
           "-partition", f"{replicas}x1", "-in", "in.neb", "-log", "log.lammps", "-screen", "none"]
    if os.geteuid() == 0:
        cmd.insert(1, "--allow-run-as-root")
    t0 = time.time()
    out = subprocess.run(cmd, cwd=wd, capture_output=True, text=True)
    wall = time.time() - t0
    log = open(f"{wd}/log.lammps").read() if os.path.exists(f"{wd}/log.lammps") else ""
    if out.returncode:
        sys.exit(log[-3000:] + out.stdout[-2000:] + out.stderr[-2000:])
    # The master log: rows "Step MaxReplicaForce MaxAtomForce GradV0 GradV1 GradVc EBF EBR RDT ..." per
    # stage; the last row of the last stage is the converged band.
    rows = [l.split() for l in log.splitlines() if re.match(r"^\s*\d+\s+[-0-9.eE+]+\s+[-0-9.eE+]+", l)]
    steps = [int(r[0]) for r in rows]
    last = rows[-1]
    print(f"lammps neb: replicas={replicas} ranks={replicas} cores={os.cpu_count()} wall={wall:.1f}s "
          f"steps={steps[-1]} force_calls~={steps[-1] * (replicas - 2)} max_replica_force={last[1]} "
          f"max_atom_force={last[2]} barrier_forward={last[6]} barrier_reverse={last[7]}")
    shutil.rmtree(wd, ignore_errors=True)


if __name__ == "__main__":
    main()
