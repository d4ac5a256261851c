#!/bin/bash
# Submits a sweep as a Slurm array of SHARDS tasks, then the merge, which runs only if every task succeeded.
# usage: submit.sh SPEC OUT [SHARDS] [extra sbatch options...]
set -euo pipefail

SPEC=${1:?usage: submit.sh SPEC OUT [SHARDS] [sbatch options...]}
OUT=${2:?usage: submit.sh SPEC OUT [SHARDS] [sbatch options...]}
SHARDS=${3:-4}
shift $(( $# < 3 ? $# : 3 ))
HERE=$(cd "$(dirname "$0")" && pwd)

array=$(sbatch --parsable --array="0-$((SHARDS - 1))" "$@" "$HERE/sweep-array.sbatch" "$SPEC" "$OUT")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" "$@" "$HERE/merge.sbatch" "$OUT")
merge=${merge%%;*}
echo "sweep array job $array ($SHARDS tasks), merge job $merge"
