#!/bin/bash
# A sharded exclusion sweep as a Slurm job array: one shard per array task, then one merge job.
#
#   sbatch --array=0-15 docs/pipelines/slurm-sweep.sh game.json
#   sbatch --dependency=afterok:<array job id> --wrap \
#     'active-alignment merge partials/part-*.json --json > sweep.json'
#
# Every task runs the same command with a different --shard; the partials hold exact integer counters, so the merged
# answer is byte-identical to the unsharded `active-alignment sweep ... --json`.
#SBATCH --job-name=aa-sweep
#SBATCH --cpus-per-task=2
#SBATCH --time=00:30:00
#SBATCH --output=logs/aa-sweep-%A_%a.out
set -euo pipefail
game="${1:?usage: sbatch --array=0-N docs/pipelines/slurm-sweep.sh GAME}"
shards="${SLURM_ARRAY_TASK_COUNT:?run as a job array}"
x="${AA_X:-consistency=0.05:2:2000}"   # the grid; override with AA_X / AA_Y
y="${AA_Y:-diversity=0:3:2000}"
mkdir -p partials
active-alignment sweep "$game" \
  --x "$x" --y "$y" --threshold 0.05 --boundary \
  --shard "${SLURM_ARRAY_TASK_ID}/${shards}" --partial "partials/part-${SLURM_ARRAY_TASK_ID}.json" \
  --threads "${SLURM_CPUS_PER_TASK}"
