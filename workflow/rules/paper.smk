# The paper as a build product (STYLE.md habit 12): one script per figure in paper/, each reading
# only results/, run by Debian's /usr/bin/python3 (matplotlib, numpy); the report's numbers are all
# generated from the results and the benchmark files.


# The scripts are inputs: editing one redraws its figure (and nothing upstream).
PAPER_LIB = ["paper/common.py", "paper/tls_tables.py"]


rule fig1:
    input:
        script="paper/fig1.py",
        lib=PAPER_LIB,
        summaries=expand(f"{RESULTS}/equilibrate/Tf{{tf}}/summary.tsv", tf=TFS),
        quenches=expand(f"{RESULTS}/equilibrate/Tf{{tf}}/quench.tsv", tf=TFS),
        profiles=per_glass(f"{RESULTS}/neb/Tf{{tf}}/{{glass}}/profiles.tsv"),
        split=per_glass(f"{RESULTS}/split/Tf{{tf}}/{{glass}}.tsv"),
        reference=equilibrium_reference(),
    output:
        png=f"{RESULTS}/figures/fig1.png",
        pdf=f"{RESULTS}/figures/fig1.pdf",
    log:
        f"{LOGS}/figures/fig1.log",
    benchmark:
        f"{BENCH}/figures/fig1.tsv"
    threads: 1
    params:
        py=PY,
    shell:
        "{params.py} paper/fig1.py --summary {input.summaries} --quench {input.quenches}"
        " --profiles {input.profiles} --split {input.split} --reference '{input.reference}'"
        " -o {output.png} {output.pdf} 2> {log}"


rule fig2:
    input:
        script="paper/fig2.py",
        lib=PAPER_LIB,
        dV=density("pdf_dV"),
        Vb=density("pdf_Vb"),
        dPR=density("pdf_d_sqrtPR"),
        PR=density("pdf_PR"),
    output:
        png=f"{RESULTS}/figures/fig2.png",
        pdf=f"{RESULTS}/figures/fig2.pdf",
    log:
        f"{LOGS}/figures/fig2.log",
    benchmark:
        f"{BENCH}/figures/fig2.tsv"
    threads: 1
    params:
        py=PY,
        max_dE=config["pairs"]["max_dE"],
    shell:
        "{params.py} paper/fig2.py --dV {input.dV} --Vb {input.Vb} --d-sqrtPR {input.dPR} --PR {input.PR}"
        " --max-dE {params.max_dE} -o {output.png} {output.pdf} 2> {log}"


rule fig3:
    input:
        script="paper/fig3.py",
        lib=PAPER_LIB,
        curves=density("n_of_E"),
        summaries=density("summary"),
    output:
        png=f"{RESULTS}/figures/fig3.png",
        pdf=f"{RESULTS}/figures/fig3.pdf",
    log:
        f"{LOGS}/figures/fig3.log",
    benchmark:
        f"{BENCH}/figures/fig3.tsv"
    threads: 1
    params:
        py=PY,
    shell:
        "{params.py} paper/fig3.py --curves {input.curves} --summaries {input.summaries} -o {output.png} {output.pdf} 2> {log}"


rule fig4_configurations:
    # The two active TLS of Fig. 4 (most and least delocalised at fig4_tf, fig4_mass), as extended
    # XYZ end points taken from the libraries by minimum id.
    input:
        script="paper/fig4_select.py",
        lib=PAPER_LIB,
        active=f"{RESULTS}/density/Tf{config['figures']['fig4_tf']}/pr_vs_E.tsv",
        dwps=lambda w: [f"{RESULTS}/neb/Tf{config['figures']['fig4_tf']}/{g}/dwp.tsv" for g in glasses(str(config["figures"]["fig4_tf"]))],
    output:
        table=f"{RESULTS}/figures/fig4-tls.tsv",
    log:
        f"{LOGS}/figures/fig4_configurations.log",
    benchmark:
        f"{BENCH}/figures/fig4_configurations.tsv"
    threads: 1
    params:
        py=PY,
        mass=config["figures"]["fig4_mass"],
        results=lambda w, input: os.path.dirname(os.path.dirname(os.path.dirname(input.active))),
        tf=config["figures"]["fig4_tf"],
        convert=TOOLS["convert"],
    shell:
        "{params.py} paper/fig4_select.py --active {input.active} --mass {params.mass} --results {params.results}"
        " --tf {params.tf} --convert {params.convert} -o {output.table} 2> {log}"


rule fig4:
    input:
        script="paper/fig4.py",
        lib=PAPER_LIB,
        table=f"{RESULTS}/figures/fig4-tls.tsv",
    output:
        png=f"{RESULTS}/figures/fig4.png",
        pdf=f"{RESULTS}/figures/fig4.pdf",
    log:
        f"{LOGS}/figures/fig4.log",
    benchmark:
        f"{BENCH}/figures/fig4.tsv"
    threads: 1
    params:
        py=PY,
    shell:
        "{params.py} paper/fig4.py {input.table} -o {output.png} {output.pdf} 2> {log}"


rule specific_heat:
    input:
        script="paper/specific_heat.py",
        lib=PAPER_LIB,
        heat=density("specific_heat"),
        harmonic=density("harmonic/specific_heat_harmonic"),
        summaries=density("summary"),
    output:
        png=f"{RESULTS}/figures/specific_heat.png",
        pdf=f"{RESULTS}/figures/specific_heat.pdf",
    log:
        f"{LOGS}/figures/specific_heat.log",
    benchmark:
        f"{BENCH}/figures/specific_heat.tsv"
    threads: 1
    params:
        py=PY,
    shell:
        "{params.py} paper/specific_heat.py --heat {input.heat} --harmonic {input.harmonic} --summaries {input.summaries}"
        " -o {output.png} {output.pdf} 2> {log}"


rule convergence:
    # n0, minima and double wells per glass against the runs explored per glass (issue 14): the full
    # run's splittings cut to the pairs available after 1, 2, 4, ... runs, each level through tls-density.
    input:
        script="paper/convergence.py",
        lib=PAPER_LIB,
        runs=lambda w: [f"{RESULTS}/explore/Tf{w.tf}/{g}/runs.tsv" for g in glasses(w.tf)],
        pairs=lambda w: [f"{RESULTS}/pairs/Tf{w.tf}/{g}.tsv" for g in glasses(w.tf)],
        split=lambda w: [f"{RESULTS}/split/Tf{w.tf}/{g}.tsv" for g in glasses(w.tf)],
    output:
        f"{RESULTS}/convergence/Tf{{tf}}.tsv",
    log:
        f"{LOGS}/convergence/Tf{{tf}}.log",
    benchmark:
        f"{BENCH}/convergence/Tf{{tf}}.tsv"
    threads: 1
    params:
        py=PY,
        specs=lambda w, input: " ".join(
            f"{os.path.dirname(r)},{p},{s}" for r, p, s in zip(input.runs, input.pairs, input.split)
        ),
        density=TOOLS["density"],
        seed=lambda w: seed("convergence", w.tf),
        c=config["density"],
    shell:
        "{params.py} paper/convergence.py --glass-dirs {params.specs} --density {params.density}"
        " --bootstrap {params.c[bootstrap]} --seed {params.seed} --density-args '{params.c[extra]}'"
        " -o {output} 2> {log}"


rule fig_convergence:
    input:
        script="paper/fig_convergence.py",
        lib=PAPER_LIB,
        tables=expand(f"{RESULTS}/convergence/Tf{{tf}}.tsv", tf=TFS),
    output:
        png=f"{RESULTS}/figures/convergence.png",
        pdf=f"{RESULTS}/figures/convergence.pdf",
    log:
        f"{LOGS}/figures/convergence.log",
    benchmark:
        f"{BENCH}/figures/convergence.tsv"
    threads: 1
    params:
        py=PY,
    shell:
        "{params.py} paper/fig_convergence.py {input.tables} -o {output.png} {output.pdf} 2> {log}"


rule report:
    input:
        script="paper/report.py",
        lib=PAPER_LIB,
        summaries=density("summary"),
        pr=density("pr_vs_E"),
        harmonic=density("harmonic/specific_heat_harmonic"),
        resolution=per_glass(f"{RESULTS}/resolution/Tf{{tf}}/{{glass}}/split.tsv") if RESOLUTION["enabled"] else [],
        runs=per_glass(f"{RESULTS}/explore/Tf{{tf}}/{{glass}}/runs.tsv"),
        status=per_glass(f"{RESULTS}/neb/Tf{{tf}}/{{glass}}/status.tsv"),
        residual=[f"{RESULTS}/screen/Tf{tf}/residual/{g}.tsv" for tf in SCREENED_TFS for g in glasses(tf)],
        equilibrium=expand(f"{RESULTS}/equilibrate/Tf{{tf}}/glasses.tsv", tf=TFS),
        convergence=expand(f"{RESULTS}/convergence/Tf{{tf}}.tsv", tf=TFS),
        reference=equilibrium_reference(),
        figures=expand(f"{RESULTS}/figures/{{fig}}.png", fig=FIGURES),
    output:
        f"{RESULTS}/report.md",
    log:
        f"{LOGS}/report.log",
    benchmark:
        f"{BENCH}/report.tsv"
    threads: 1
    params:
        py=PY,
        config=lambda w: json.dumps(config, sort_keys=True),
        results=lambda w, output: os.path.dirname(output[0]),
    shell:
        "{params.py} paper/report.py --results {params.results} --config-json '{params.config}'"
        " --equilibrium-reference '{input.reference}' -o {output} 2> {log}"
