# Glass preparation (SPEC.md section 2): one swap Monte Carlo run per T_f down the temperature
# ladder; its last temperature gives the glasses (snapshots several relaxations apart), its summary
# the equilibrium line of Fig. 1(a), and the quench of its final configurations the coloured lines.


rule equilibrate:
    input:
        start=equilibrate_start(),
    output:
        summary=f"{RESULTS}/equilibrate/Tf{{tf}}/summary.tsv",
        glasses=f"{RESULTS}/equilibrate/Tf{{tf}}/glasses.tsv",
        quench=f"{RESULTS}/equilibrate/Tf{{tf}}/quench.tsv",
    log:
        f"{LOGS}/equilibrate/Tf{{tf}}.log",
    benchmark:
        f"{BENCH}/equilibrate/Tf{{tf}}.tsv"
    # Replicas run in parallel inside the job: no more threads than replicas. The chains come first:
    # every later job waits on them, and the lowest T_f's is the longest job of a run. (Snakemake
    # starts a job only when all its threads are free, so a profile's equilibrate.threads must let the
    # chains start together: quick uses 1, medium 8 + 5 + 3 of 16 cores.)
    priority: 10
    threads: lambda w: min(config["equilibrate"]["threads"], config["glasses"][w.tf]["replicas"])
    resources:
        runtime=24 * 60,
    params:
        tool=TOOLS["equilibrate"],
        ladder=lambda w: ladder(w.tf),
        seed=lambda w: seed("equilibrate", w.tf),
        replicas=lambda w: config["glasses"][w.tf]["replicas"],
        snapshots=lambda w: config["glasses"][w.tf]["snapshots"],
        quench=",".join(str(t) for t in config["quench"]["temperatures"]),
        c=config["equilibrate"],
        qt=config["quench"]["time"],
        n=config["particles"],
        out=lambda w, output: os.path.dirname(output.summary),
    shell:
        "{params.tool} {input.start} --seed {params.seed} -T {params.ladder} --particles {params.n}"
        " --replicas {params.replicas} --snapshots {params.snapshots}"
        " --burn-in-relaxations {params.c[burn_in_relaxations]} --relaxations {params.c[relaxations]}"
        " --snapshot-relaxations {params.c[snapshot_relaxations]} --snapshot-every {params.c[snapshot_every]}"
        " --max-time {params.c[max_time]}"
        " --quench-temperature {params.quench} --quench-time {params.qt}"
        " -j {threads} {params.c[extra]} -o {params.out} 2> {log}"
