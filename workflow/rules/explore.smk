# Landscape exploration (SPEC.md sections 3-4): isoconfigurational MD at T_MD from each glass with
# inherent structures and bisection (tls-explore), then the graph of minima and candidate pairs
# (tls-pairs). tls-explore resumes an interrupted folder, so its library and tables are not declared
# outputs (Snakemake would delete them before a rerun); runs.tsv, written last, marks completion.


rule explore:
    input:
        glasses=f"{RESULTS}/equilibrate/Tf{{tf}}/glasses.tsv",
    output:
        runs=f"{RESULTS}/explore/Tf{{tf}}/{{glass}}/runs.tsv",
    log:
        f"{LOGS}/explore/Tf{{tf}}/{{glass}}.log",
    benchmark:
        f"{BENCH}/explore/Tf{{tf}}/{{glass}}.tsv"
    threads: lambda w: explore_config(w.tf)["threads"]
    resources:
        runtime=24 * 60,
    params:
        tool=TOOLS["explore"],
        glass=lambda w, input: os.path.join(os.path.dirname(input.glasses), f"glass-{w.glass}.xyz"),
        name=lambda w: f"Tf{w.tf}-{w.glass}",
        seed=lambda w: seed("explore", w.tf, w.glass),
        c=lambda w: explore_config(w.tf),
        out=lambda w, output: os.path.dirname(output.runs),
    shell:
        "workflow/scripts/fresh_or_resume.sh {params.out} {params.glass} --"
        " {params.tool} {params.glass} --glass {params.name} --seed {params.seed}"
        " --temperature {params.c[temperature]} --runs {params.c[runs]} --min-runs {params.c[min_runs]}"
        " --run-time {params.c[run_time]} -j {threads} {params.c[extra]} -o {params.out} 2> {log}"


rule pairs:
    input:
        runs=f"{RESULTS}/explore/Tf{{tf}}/{{glass}}/runs.tsv",
    output:
        pairs=f"{RESULTS}/pairs/Tf{{tf}}/{{glass}}.tsv",
        graph=f"{RESULTS}/pairs/Tf{{tf}}/{{glass}}-graph.tsv",
    log:
        f"{LOGS}/pairs/Tf{{tf}}/{{glass}}.log",
    benchmark:
        f"{BENCH}/pairs/Tf{{tf}}/{{glass}}.tsv"
    threads: 1
    params:
        tool=TOOLS["pairs"],
        explore=lambda w, input: os.path.dirname(input.runs),
        c=config["pairs"],
    shell:
        "{params.tool} {params.explore} --max-dE {params.c[max_dE]} {params.c[extra]}"
        " --summary {output.graph} -o {output.pairs} 2> {log}"
