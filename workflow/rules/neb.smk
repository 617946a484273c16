# Double wells (SPEC.md sections 5-6): climbing-image NEB between every candidate pair (tls-neb,
# which resumes from its own checkpoint, so only its final tables are declared), then the tunnel
# splittings of every profile for every mass (tls-split). New minima found inside a band go to
# new-minima.tlsmin beside the tables (tls-neb's default): tls-neb never modifies its input library.
# Only for the T_f the screen does not take (`screen.enabled`; screen.smk writes the same tables).


rule neb:
    wildcard_constraints:
        tf=tf_pattern(PLAIN_TFS),
    input:
        runs=f"{RESULTS}/explore/Tf{{tf}}/{{glass}}/runs.tsv",
        pairs=f"{RESULTS}/pairs/Tf{{tf}}/{{glass}}.tsv",
    output:
        dwp=f"{RESULTS}/neb/Tf{{tf}}/{{glass}}/dwp.tsv",
        profiles=f"{RESULTS}/neb/Tf{{tf}}/{{glass}}/profiles.tsv",
        status=f"{RESULTS}/neb/Tf{{tf}}/{{glass}}/status.tsv",
    log:
        f"{LOGS}/neb/Tf{{tf}}/{{glass}}.log",
    benchmark:
        f"{BENCH}/neb/Tf{{tf}}/{{glass}}.tsv"
    threads: config["neb"]["threads"]
    resources:
        runtime=24 * 60,
    params:
        tool=TOOLS["neb"],
        library=lambda w, input: os.path.join(os.path.dirname(input.runs), "minima.tlsmin"),
        out=lambda w, output: os.path.dirname(output.dwp),
        c=config["neb"],
    shell:
        "workflow/scripts/fresh_or_resume.sh {params.out} {params.library} {input.pairs} --"
        " {params.tool} {params.library} {input.pairs} --images {params.c[images]}"
        " -j {threads} {params.c[extra]} -o {params.out} 2> {log}"


rule split:
    wildcard_constraints:
        tf=tf_pattern(PLAIN_TFS),
    input:
        profiles=f"{RESULTS}/neb/Tf{{tf}}/{{glass}}/profiles.tsv",
    output:
        f"{RESULTS}/split/Tf{{tf}}/{{glass}}.tsv",
    log:
        f"{LOGS}/split/Tf{{tf}}/{{glass}}.log",
    benchmark:
        f"{BENCH}/split/Tf{{tf}}/{{glass}}.tsv"
    threads: 1
    params:
        tool=TOOLS["split"],
        masses=",".join(str(m) for m in config["split"]["masses"]),
        c=config["split"],
    shell:
        "{params.tool} {input.profiles} --mass {params.masses} {params.c[extra]} -o {output} 2> {log}"
