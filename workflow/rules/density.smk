# The density of two-level systems per T_f (SPEC.md section 7): n(E), n(E)/E, n0, n_active with
# bootstrap error bars over glasses, the pdfs of Fig. 2, PR of active TLS, and the specific heat.

DENSITY_TABLES = ["summary", "n_of_E", "specific_heat", "pdf_dV", "pdf_Vb", "pdf_d_sqrtPR", "pdf_PR", "pr_vs_E"]


rule density:
    input:
        split=lambda w: [f"{RESULTS}/split/Tf{w.tf}/{g}.tsv" for g in glasses(w.tf)],
        dwp=lambda w: [f"{RESULTS}/neb/Tf{w.tf}/{g}/dwp.tsv" for g in glasses(w.tf)],
    output:
        expand(f"{RESULTS}/density/Tf{{{{tf}}}}/{{table}}.tsv", table=DENSITY_TABLES),
    log:
        f"{LOGS}/density/Tf{{tf}}.log",
    benchmark:
        f"{BENCH}/density/Tf{{tf}}.tsv"
    threads: 1
    params:
        tool=TOOLS["density"],
        n=lambda w: n_glasses(w.tf),
        seed=lambda w: seed("density", w.tf),
        out=lambda w, output: os.path.dirname(output[0]),
        c=config["density"],
    shell:
        "{params.tool} {input.split} {input.dwp} --glasses {params.n} --bootstrap {params.c[bootstrap]}"
        " --seed {params.seed} {params.c[extra]} -o {params.out} 2> {log}"
