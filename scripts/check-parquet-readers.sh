#!/usr/bin/env bash
# Other tools read MarketSim's Parquet tables as its CSV tables: a sweep of 36 runs with monthly timeseries (about a
# million timeseries rows) is written once as CSV and once with --format parquet, and Polars (the Rust reader behind
# pl.read_parquet) and hyparquet (an independent JavaScript reader) read every Parquet table; each must hold the same
# columns, rows and values as the CSV table. Prints each table's size and Polars' read times. Installs Node.js from
# Debian when missing and the two readers from the npm registry at the versions pinned in parquet-readers/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
fail() { echo "parquet readers check: $*" >&2; exit 1; }

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  [ "$(id -u)" -eq 0 ] || fail "Node.js is missing and installing it needs root: apt-get install -y nodejs npm"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' || fail "Node.js 20 or later is needed (Polars' engines field)"
(cd "$root/scripts/parquet-readers" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci failed"

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cat > "$work/spec.json" <<'JSON'
{ "name": "parquet-readers", "scenario": "baseline", "seed": 11, "replications": 2,
  "design": { "sampler": "lhs", "samples": 18 },
  "parameters": [ { "key": "Demand:PriceElasticity", "min": 0.6, "max": 1.8 } ],
  "outputs": { "timeseries": "monthly" } }
JSON
dotnet build "$root/src/MarketSim.Cli" -c Release -nologo -v q >"$work/build.log" 2>&1 || fail "dotnet build failed"
marketsim="$root/src/MarketSim.Cli/bin/Release/net10.0/marketsim.dll"
dotnet "$marketsim" sweep "$work/spec.json" --out "$work/csv" --workers 2 2>"$work/csv.log" || fail "CSV sweep failed: $(tail -1 "$work/csv.log")"
dotnet "$marketsim" sweep "$work/spec.json" --out "$work/parquet" --workers 2 --format parquet 2>"$work/parquet.log" ||
  fail "Parquet sweep failed: $(tail -1 "$work/parquet.log")"
node "$root/scripts/parquet-readers/compare.mjs" "$work/csv" "$work/parquet"
