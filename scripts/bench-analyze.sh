#!/usr/bin/env bash
# Times `marketsim analyze` as a process on a Saltelli design of N base samples over D parameters (N x (D + 2) rows,
# one metric: the Sobol G-function); the default is the 81,920-row case that analyze should finish in under a second.
# The directory is generated (no simulation runs) and removed afterwards; the first analyze warms the disk cache.
# Usage: scripts/bench-analyze.sh [N] [D] [repeats] [-- extra analyze options]
# MARKETSIM names the command to time (default: the Release build of src/MarketSim.Cli).
set -euo pipefail
n=${1:-8192}; d=${2:-8}; repeats=${3:-5}
shift $(( $# < 3 ? $# : 3 )); [[ ${1:-} == -- ]] && shift
root=$(cd "$(dirname "$0")/.." && pwd)
marketsim=${MARKETSIM:-"dotnet $root/src/MarketSim.Cli/bin/Release/net10.0/marketsim.dll"}
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT

python3 - "$dir" "$n" "$d" <<'EOF'
import json, random, sys
out, n, d = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(1)
a = [0, 1, 4.5, 9, 99, 99, 99, 99] + [99] * max(0, d - 8)
def g(x):
    p = 1.0
    for j, v in enumerate(x):
        p *= (abs(4 * v - 2) + a[j]) / (1 + a[j])
    return p
keys = [f"X:P{j + 1}" for j in range(d)]
rows = 0
with open(f"{out}/design.csv", "w") as design, open(f"{out}/summary.csv", "w") as summary, open(f"{out}/runs.csv", "w") as runs:
    design.write(",".join(["run_id", "design_row", "replication", "seed"] + keys) + "\n")
    summary.write("run_id,metric,value\n")
    runs.write("run_id,status,seconds,error\n")
    for _ in range(n):
        A = [rng.random() for _ in range(d)]
        B = [rng.random() for _ in range(d)]
        block = [A] + [A[:j] + [B[j]] + A[j + 1:] for j in range(d)] + [B]  # SALib's first-order layout
        for x in block:
            design.write(f"{rows},{rows},0,{rows}," + ",".join(repr(v) for v in x) + "\n")
            summary.write(f"{rows},g_function,{g(x)!r}\n")
            runs.write(f"{rows},ok,0.0,\n")
            rows += 1
manifest = {
    "tool": "MarketSim", "version": "0.1.0", "name": f"bench-saltelli-{n}x{d}", "seed": 1, "replications": 1,
    "scenario": "baseline",
    "design": {"sampler": "saltelli", "samples": n, "secondOrder": False, "scramble": False, "rows": rows, "runs": rows},
    "parameters": [{"key": k, "min": 0, "max": 1, "scale": "linear"} for k in keys],
    "outputs": {"timeseries": "none", "metrics": None},
    "tables": {"design.csv": {"rows": rows}, "summary.csv": {"rows": rows}, "runs.csv": {"rows": rows}},
}
json.dump(manifest, open(f"{out}/manifest.json", "w"))
EOF

echo "analyze on $((n * (d + 2))) rows (N=$n, D=$d), $repeats runs, options: ${*:-none}" >&2
$marketsim analyze "$dir" "$@" >/dev/null 2>&1 || { $marketsim analyze "$dir" "$@"; exit 1; } # warm the disk cache
for _ in $(seq "$repeats"); do
  /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB" $marketsim analyze "$dir" "$@" 2>&1 >/dev/null | tail -1
done
