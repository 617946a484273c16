# The splitting's band resolution (issue 15 item 4; opt-in: `resolution.enabled`): per glass, the
# first `resolution.sample` pairs whose NEB gave one DWP (status `dwp` in neb/.../status.tsv, file
# order) are run again with twice the images (tls-neb --images 2n, same options otherwise) and
# split for the same masses; the report gives the spread of E between the two bands beside n0.

RESOLUTION = config.get("resolution", {"enabled": False, "sample": 4})


rule neb_resolution:
    input:
        runs=f"{RESULTS}/explore/Tf{{tf}}/{{glass}}/runs.tsv",
        pairs=f"{RESULTS}/pairs/Tf{{tf}}/{{glass}}.tsv",
        status=f"{RESULTS}/neb/Tf{{tf}}/{{glass}}/status.tsv",
    output:
        sample=f"{RESULTS}/resolution/Tf{{tf}}/{{glass}}/pairs.tsv",
        dwp=f"{RESULTS}/resolution/Tf{{tf}}/{{glass}}/neb/dwp.tsv",
        profiles=f"{RESULTS}/resolution/Tf{{tf}}/{{glass}}/neb/profiles.tsv",
        status=f"{RESULTS}/resolution/Tf{{tf}}/{{glass}}/neb/status.tsv",
    log:
        f"{LOGS}/resolution/Tf{{tf}}/{{glass}}.log",
    benchmark:
        f"{BENCH}/resolution/Tf{{tf}}/{{glass}}.tsv"
    threads: config["neb"]["threads"]
    resources:
        runtime=24 * 60,
    params:
        tool=TOOLS["neb"],
        library=lambda w, input: os.path.join(os.path.dirname(input.runs), "minima.tlsmin"),
        out=lambda w, output: os.path.dirname(output.profiles),
        images=2 * config["neb"]["images"],
        k=RESOLUTION["sample"],
        c=config["neb"],
    shell:
        # The sample: header lines of the pair table, then its rows whose pair id is among the first
        # k ids of status `dwp` (columns found by name in both headers).
        "awk -F'\\t' -v k={params.k} 'FNR == 1 {{ file++ }}"
        " file == 1 && /^#[a-z]/ {{ for (i = 1; i <= NF; i++) if ($i == \"#id\" || $i == \"id\") ci = i; else if ($i == \"status\") cs = i; next }}"
        " file == 1 && !/^#/ && $cs == \"dwp\" && n < k {{ keep[$ci] = 1; n++; next }}"
        " file == 2 && /^##/ {{ print; next }}"
        " file == 2 && /^#/ {{ for (i = 1; i <= NF; i++) if ($i == \"#pair\" || $i == \"pair\" || $i == \"#id\" || $i == \"id\") cp = i; print; next }}"
        " file == 2 && ($cp in keep)' {input.status} {input.pairs} > {output.sample}.tmp 2> {log}"
        " && mv {output.sample}.tmp {output.sample}"
        " && {params.tool} {params.library} {output.sample} --images {params.images}"
        " -j {threads} {params.c[extra]} -o {params.out} 2>> {log}"


rule split_resolution:
    input:
        profiles=f"{RESULTS}/resolution/Tf{{tf}}/{{glass}}/neb/profiles.tsv",
    output:
        f"{RESULTS}/resolution/Tf{{tf}}/{{glass}}/split.tsv",
    log:
        f"{LOGS}/split_resolution/Tf{{tf}}/{{glass}}.log",
    benchmark:
        f"{BENCH}/split_resolution/Tf{{tf}}/{{glass}}.tsv"
    threads: 1
    params:
        tool=TOOLS["split"],
        masses=",".join(str(m) for m in config["split"]["masses"]),
        c=config["split"],
    shell:
        "{params.tool} {input.profiles} --mass {params.masses} {params.c[extra]} -o {output} 2> {log}"
