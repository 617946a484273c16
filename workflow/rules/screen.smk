# The iterative screen (issue 13; docs/workflow.md, docs/tools/tls-screen.md), replacing neb.smk when
# `screen.enabled` is true or names the T_f. Per T_f, a static DAG of `screen.rounds` rounds after a random sample:
#
#   r0: tls-screen sample (a share of each glass's pairs) -> tls-neb -> tls-split
#   rk: tls-screen train (every glass of the T_f, rounds < k) -> tls-screen rank (pairs not yet
#       computed, best `per_round` share; for k >= 2 nothing when round k-1 found fewer than
#       `min_new_tls` TLS over the T_f's glasses) -> tls-neb -> tls-split
#
# Round 1 always runs: the random sample of round 0 finds TLS only as often as a random choice does,
# and where they are rare (about one pair in a hundred at T_f = 0.07) a sample of a few dozen pairs
# holds none by chance, which would end the screen before it ranked anything (docs/workflow.md).
#
# After the last round, screen_residual ranks every pair never computed with a model trained on
# every round (r<rounds+1>/model.tsm): the report's expected share of TLS missed is the sum of their
# p_tls (screen/Tf<T>/residual/<glass>.tsv).
#
# A round that selects nothing runs tls-neb and tls-split on an empty list (instant), so Snakemake
# needs no checkpoints. The rounds of a glass are then merged (tls-screen merge) into the usual
# neb/Tf<T>/<glass>/{dwp,profiles,status}.tsv and split/Tf<T>/<glass>.tsv: tls-density and the report
# count every exactly computed pair.

SCREEN = config["screen"]
TF_SCREEN = tf_pattern(SCREENED_TFS)  # only the T_f that `screen.enabled` names (all when true)
ROUNDS = list(range(SCREEN["rounds"] + 1))
SDIR = f"{RESULTS}/screen/Tf{{tf}}"


def screen_round(k):
    return f"{SDIR}/r{k}"


rule screen_sample:
    wildcard_constraints:
        tf=TF_SCREEN,
    input:
        pairs=f"{RESULTS}/pairs/Tf{{tf}}/{{glass}}.tsv",
    output:
        f"{SDIR}/r0/{{glass}}/pairs.tsv",
    log:
        f"{LOGS}/screen/Tf{{tf}}/r0/{{glass}}-sample.log",
    benchmark:
        f"{BENCH}/screen/Tf{{tf}}/r0/{{glass}}-sample.tsv"
    threads: 1
    params:
        tool=TOOLS["screen"],
        seed=lambda w: seed("screen-sample", w.tf, w.glass),
        c=SCREEN,
    shell:
        "{params.tool} sample {input.pairs} --fraction {params.c[sample]} --seed {params.seed} -o {output} 2> {log}"


def training_triples(w):
    k = int(w.k)
    return [
        p
        for j in range(k)
        for g in glasses(w.tf)
        for p in (
            f"{RESULTS}/pairs/Tf{w.tf}/{g}.tsv",
            f"{RESULTS}/screen/Tf{w.tf}/r{j}/{g}/neb/status.tsv",
            f"{RESULTS}/screen/Tf{w.tf}/r{j}/{g}/split.tsv",
        )
    ]


rule screen_train:
    input:
        training_triples,
    output:
        f"{SDIR}/r{{k}}/model.tsm",
    log:
        f"{LOGS}/screen/Tf{{tf}}/r{{k}}/train.log",
    benchmark:
        f"{BENCH}/screen/Tf{{tf}}/r{{k}}/train.tsv"
    wildcard_constraints:
        tf=TF_SCREEN,
        k="[1-9][0-9]*",
    threads: 1
    params:
        tool=TOOLS["screen"],
        seed=lambda w: seed(f"screen-train-{w.k}", w.tf),
        c=SCREEN,
    shell:
        "{params.tool} train {input} --mass {params.c[mass]} --seed {params.seed} --allow-degenerate"
        " {params.c[extra]} -o {output} 2> {log}"


rule screen_rank:
    input:
        model=f"{SDIR}/r{{k}}/model.tsm",
        pairs=f"{RESULTS}/pairs/Tf{{tf}}/{{glass}}.tsv",
        done=lambda w: [f"{RESULTS}/screen/Tf{w.tf}/r{j}/{w.glass}/neb/status.tsv" for j in range(int(w.k))],
        # the stop rule judges ranked rounds only: round 1 always runs (see the header)
        gate=lambda w: [f"{RESULTS}/screen/Tf{w.tf}/r{int(w.k) - 1}/{g}/split.tsv" for g in glasses(w.tf)]
        if int(w.k) >= 2
        else [],
    output:
        f"{SDIR}/r{{k}}/{{glass}}/pairs.tsv",
    log:
        f"{LOGS}/screen/Tf{{tf}}/r{{k}}/{{glass}}-rank.log",
    benchmark:
        f"{BENCH}/screen/Tf{{tf}}/r{{k}}/{{glass}}-rank.tsv"
    wildcard_constraints:
        tf=TF_SCREEN,
        k="[1-9][0-9]*",
    threads: 1
    params:
        tool=TOOLS["screen"],
        exclude=lambda w, input: " ".join(f"--exclude {s}" for s in input.done),
        gate=lambda w, input: " ".join(f"--gate {s}" for s in input.gate),
        c=SCREEN,
    shell:
        "{params.tool} rank {input.model} {input.pairs} --fraction {params.c[per_round]} --order {params.c[order]}"
        " {params.exclude}"
        " {params.gate} --gate-min {params.c[min_new_tls]} -o {output} 2> {log}"


rule screen_neb:
    input:
        runs=f"{RESULTS}/explore/Tf{{tf}}/{{glass}}/runs.tsv",
        pairs=f"{SDIR}/r{{k}}/{{glass}}/pairs.tsv",
    output:
        dwp=f"{SDIR}/r{{k}}/{{glass}}/neb/dwp.tsv",
        profiles=f"{SDIR}/r{{k}}/{{glass}}/neb/profiles.tsv",
        status=f"{SDIR}/r{{k}}/{{glass}}/neb/status.tsv",
    log:
        f"{LOGS}/screen/Tf{{tf}}/r{{k}}/{{glass}}-neb.log",
    benchmark:
        f"{BENCH}/neb/Tf{{tf}}/r{{k}}-{{glass}}.tsv"
    wildcard_constraints:
        tf=TF_SCREEN,
        k="[0-9]+",
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
        " --new-minima {params.out}/new-minima.tlsmin -j {threads} {params.c[extra]} -o {params.out} 2> {log}"


rule screen_split:
    input:
        profiles=f"{SDIR}/r{{k}}/{{glass}}/neb/profiles.tsv",
    output:
        f"{SDIR}/r{{k}}/{{glass}}/split.tsv",
    log:
        f"{LOGS}/screen/Tf{{tf}}/r{{k}}/{{glass}}-split.log",
    wildcard_constraints:
        tf=TF_SCREEN,
        k="[0-9]+",
    benchmark:
        f"{BENCH}/split/Tf{{tf}}/r{{k}}-{{glass}}.tsv"
    threads: 1
    params:
        tool=TOOLS["split"],
        masses=",".join(str(m) for m in config["split"]["masses"]),
        c=config["split"],
    shell:
        "{params.tool} {input.profiles} --mass {params.masses} {params.c[extra]} -o {output} 2> {log}"


rule screen_residual:
    """What the rounds left: every pair of the glass never computed, ranked by a model trained on every
    round (r<rounds+1>/model.tsm); the report sums their p_tls, the TLS expected among them."""
    wildcard_constraints:
        tf=TF_SCREEN,
    input:
        model=f"{SDIR}/r{SCREEN['rounds'] + 1}/model.tsm",
        pairs=f"{RESULTS}/pairs/Tf{{tf}}/{{glass}}.tsv",
        done=lambda w: [f"{RESULTS}/screen/Tf{w.tf}/r{k}/{w.glass}/neb/status.tsv" for k in ROUNDS],
    output:
        f"{SDIR}/residual/{{glass}}.tsv",
    log:
        f"{LOGS}/screen/Tf{{tf}}/residual/{{glass}}.log",
    benchmark:
        f"{BENCH}/screen/Tf{{tf}}/residual/{{glass}}.tsv"
    threads: 1
    params:
        tool=TOOLS["screen"],
        exclude=lambda w, input: " ".join(f"--exclude {s}" for s in input.done),
    shell:
        "{params.tool} rank {input.model} {input.pairs} --fraction 1 --order tls {params.exclude} -o {output} 2> {log}"


rule screen_merge:
    wildcard_constraints:
        tf=TF_SCREEN,
    input:
        dwp=lambda w: [f"{RESULTS}/screen/Tf{w.tf}/r{k}/{w.glass}/neb/dwp.tsv" for k in ROUNDS],
        profiles=lambda w: [f"{RESULTS}/screen/Tf{w.tf}/r{k}/{w.glass}/neb/profiles.tsv" for k in ROUNDS],
        status=lambda w: [f"{RESULTS}/screen/Tf{w.tf}/r{k}/{w.glass}/neb/status.tsv" for k in ROUNDS],
        split=lambda w: [f"{RESULTS}/screen/Tf{w.tf}/r{k}/{w.glass}/split.tsv" for k in ROUNDS],
    output:
        dwp=f"{RESULTS}/neb/Tf{{tf}}/{{glass}}/dwp.tsv",
        profiles=f"{RESULTS}/neb/Tf{{tf}}/{{glass}}/profiles.tsv",
        status=f"{RESULTS}/neb/Tf{{tf}}/{{glass}}/status.tsv",
        split=f"{RESULTS}/split/Tf{{tf}}/{{glass}}.tsv",
    log:
        f"{LOGS}/screen/Tf{{tf}}/{{glass}}-merge.log",
    threads: 1
    params:
        tool=TOOLS["screen"],
    shell:
        "({params.tool} merge {input.dwp} -o {output.dwp} && {params.tool} merge {input.profiles} -o {output.profiles}"
        " && {params.tool} merge {input.status} -o {output.status} && {params.tool} merge {input.split} -o {output.split})"
        " 2> {log}"
