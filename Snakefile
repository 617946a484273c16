# The TLS study from scratch (SPEC.md): glasses -> landscape -> pairs -> NEB -> splittings -> density
# -> figures and report. Wiring only: every rule runs a toolkit program in shell: (the program of
# each stage comes from the config, so any stage can be swapped), with log:, benchmark: and threads:.
#
#   snakemake --cores 2 --configfile workflow/config/test.yaml          # minutes
#   ./reproduce.sh                                                      # the quick profile
#   snakemake --profile workflow/profiles/slurm --configfile workflow/config/paper.yaml
from snakemake.utils import min_version, validate

min_version("7.21")

if not config:
    configfile: "workflow/config/quick.yaml"


validate(config, "workflow/schemas/config.schema.yaml")


# The software of every rule: used only with --use-singularity (clusters without the Debian
# packages); build the image from workflow/container/tls-toolkit.def. Without that flag, as in
# ./reproduce.sh, rules run on the host with the packages ./test.sh installs.
container: "workflow/container/tls-toolkit.sif"


include: "workflow/rules/common.smk"
include: "workflow/rules/equilibrate.smk"
include: "workflow/rules/explore.smk"
# NEB on every pair (neb.smk) or the iterative screen (screen.smk), per T_f (`screen.enabled`).
if SCREENED_TFS:

    include: "workflow/rules/screen.smk"


if PLAIN_TFS:

    include: "workflow/rules/neb.smk"


include: "workflow/rules/density.smk"
include: "workflow/rules/harmonic.smk"
include: "workflow/rules/resolution.smk"
include: "workflow/rules/paper.smk"


rule all:
    input:
        expand(f"{RESULTS}/figures/{{fig}}.{{ext}}", fig=FIGURES, ext=["png", "pdf"]),
        f"{RESULTS}/report.md",
    default_target: True
