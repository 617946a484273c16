# The harmonic (soft-mode) specific heat of SPEC.md section 7 (issue 15 item 8): the Hessian
# spectrum of each glass's inherent structure (tls-minimize --spectrum: the glass file minimised to
# max|F_i| < 1e-10, dense eigenvalues, the 3 translations removed), then C_harm(T) per T_f for the
# split masses (tls-density on the spectra alone), beside C_TLS in the specific-heat figure.


rule spectrum:
    input:
        glasses=f"{RESULTS}/equilibrate/Tf{{tf}}/glasses.tsv",
    output:
        spectrum=f"{RESULTS}/spectrum/Tf{{tf}}/{{glass}}.tsv",
        inherent=f"{RESULTS}/spectrum/Tf{{tf}}/{{glass}}-is.xyz",
    log:
        f"{LOGS}/spectrum/Tf{{tf}}/{{glass}}.log",
    benchmark:
        f"{BENCH}/spectrum/Tf{{tf}}/{{glass}}.tsv"
    threads: 1
    params:
        tool=TOOLS.get("minimize", "build/bin/tls-minimize"),
        glass=lambda w, input: os.path.join(os.path.dirname(input.glasses), f"glass-{w.glass}.xyz"),
        name=lambda w: f"Tf{w.tf}-{w.glass}",
    shell:
        "{params.tool} {params.glass} --glass {params.name} --spectrum {output.spectrum}"
        " -o {output.inherent} 2> {log}"


rule density_harmonic:
    input:
        lambda w: [f"{RESULTS}/spectrum/Tf{w.tf}/{g}.tsv" for g in glasses(w.tf)],
    output:
        f"{RESULTS}/density/Tf{{tf}}/harmonic/specific_heat_harmonic.tsv",
    log:
        f"{LOGS}/density_harmonic/Tf{{tf}}.log",
    benchmark:
        f"{BENCH}/density_harmonic/Tf{{tf}}.tsv"
    threads: 1
    params:
        tool=TOOLS["density"],
        masses=",".join(str(m) for m in config["split"]["masses"]),
        seed=lambda w: seed("density_harmonic", w.tf),
        out=lambda w, output: os.path.dirname(output[0]),
        c=config["density"],
    shell:
        "{params.tool} {input} --mass {params.masses} --bootstrap {params.c[bootstrap]}"
        " --seed {params.seed} {params.c[extra]} -o {params.out} 2> {log}"
