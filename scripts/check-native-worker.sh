#!/usr/bin/env bash
# The native sweep worker (src/MarketSim.Worker, compiled ahead of time) end to end: builds it beside the Release CLI
# as the README says, checks that it reports the CLI's build, and runs the same sweeps with native and with managed
# workers: an LHS sweep with monthly timeseries, a sweep of a posterior sample and a sweep stored as Parquet. Every
# table must be byte-identical (runs.csv without its seconds column, which is a timing). Then a CLI built from other
# code (the Debug build) given the same native worker must note it in one line and sweep with managed workers. Needs
# a C toolchain for the native build: installs clang from Debian when neither clang nor gcc is present.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
fail() { echo "native worker check: $*" >&2; exit 1; }

if ! command -v clang >/dev/null && ! command -v gcc >/dev/null; then
  [ "$(id -u)" -eq 0 ] || fail "no C toolchain, and installing clang needs root: apt-get install -y clang"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang >/dev/null
fi

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/MarketSim.Cli" -c Release -p:NativeWorker=true -nologo >"$work/build.log" 2>&1 ||
  { tail -20 "$work/build.log" >&2; fail "the native worker did not build"; }
bin="$root/src/MarketSim.Cli/bin/Release/net10.0"
[ -x "$bin/marketsim-worker" ] || fail "the build left no marketsim-worker beside marketsim"
identity=$("$bin/marketsim-worker" code-identity) || fail "marketsim-worker code-identity failed"
echo "native worker: $(du -h "$bin/marketsim-worker" | cut -f1), built from $identity"

cat > "$work/lhs.json" <<'JSON'
{ "name": "native-lhs", "scenario": "baseline", "seed": 5, "replications": 2,
  "design": { "sampler": "lhs", "samples": 20 },
  "parameters": [ { "key": "Demand:PriceElasticity", "min": 0.6, "max": 1.8 },
                  { "key": "Shocks:EfficiencyBreakthrough:Enabled", "values": [false, true] } ],
  "outputs": { "timeseries": "monthly" } }
JSON
printf 'particle,Demand:PriceElasticity,Finance:Leverage,weight\n0,0.8,1.5,0.3\n1,1.2,2.5,0.5\n2,1.6,3.5,0.2\n' > "$work/posterior.csv"
cat > "$work/posterior.json" <<'JSON'
{ "name": "native-posterior", "scenario": "baseline", "seed": 9, "replications": 1,
  "design": { "sampler": "posterior", "samples": 30, "posterior": "posterior.csv",
              "posteriorKeys": ["Demand:PriceElasticity", "Finance:Leverage"] },
  "parameters": [ { "key": "Trends:AlgorithmicHalvingMonths", "min": 5, "max": 14, "scale": "log" } ],
  "outputs": { "timeseries": "none" } }
JSON

same_tables() { # $1 $2: directories of the same sweep
  local f
  for f in "$1"/*; do
    f=$(basename "$f")
    case $f in
      runs.csv) cmp -s <(cut -d, -f1,2,4- "$1/$f") <(cut -d, -f1,2,4- "$2/$f") || fail "$f differs between $1 and $2";;
      runs.parquet) ;; # its seconds are timings; its rows and statuses are in the other tables' runs
      *) cmp -s "$1/$f" "$2/$f" || fail "$f differs between $1 and $2";;
    esac
  done
  [ "$(ls "$1" | wc -l)" -eq "$(ls "$2" | wc -l)" ] || fail "$1 and $2 hold different files"
}
sweep() { # $1 spec, $2 out, then options; stderr kept in $2.log
  dotnet "$bin/marketsim.dll" sweep "$work/$1" --out "$work/$2" --workers 2 "${@:3}" 2>"$work/$2.log" >/dev/null ||
    fail "sweep $1 into $2 failed: $(tail -1 "$work/$2.log")"
}
for spec in lhs posterior; do
  sweep $spec.json $spec-native --worker-runtime native
  sweep $spec.json $spec-managed --worker-runtime managed
  same_tables "$work/$spec-native" "$work/$spec-managed"
  echo "$spec sweep: native and managed workers wrote the same tables"
done
sweep lhs.json parquet-native --format parquet
sweep lhs.json parquet-managed --format parquet --worker-runtime managed
same_tables "$work/parquet-native" "$work/parquet-managed"
echo "Parquet sweep: native and managed workers wrote the same tables"

# A native worker built from other code: the Debug CLI has other module ids than the Release build it came from.
dotnet build "$root/src/MarketSim.Cli" -c Debug -nologo >"$work/debug.log" 2>&1 || fail "the Debug build failed"
cp -r "$root/src/MarketSim.Cli/bin/Debug/net10.0" "$work/debug-cli"
cp "$bin/marketsim-worker" "$work/debug-cli/"
dotnet "$work/debug-cli/marketsim.dll" sweep "$work/lhs.json" --out "$work/stale" --workers 2 2>"$work/stale.log" >/dev/null ||
  fail "the sweep beside a native worker of other code failed: $(tail -1 "$work/stale.log")"
grep -q "^note: the native worker at .* was built from other code than this program; the sweep uses managed workers" "$work/stale.log" ||
  fail "no note about the native worker built from other code: $(head -3 "$work/stale.log")"
same_tables "$work/lhs-managed" "$work/stale"
if dotnet "$work/debug-cli/marketsim.dll" sweep "$work/lhs.json" --out "$work/refused" --workers 2 --worker-runtime native 2>"$work/refused.log"; then
  fail "--worker-runtime native ran with a native worker built from other code"
fi
[ "$(wc -l < "$work/refused.log")" -eq 1 ] && [ ! -e "$work/refused" ] || fail "the refusal was not one line with nothing written"
echo "stale native worker: noted and left unused; refused in one line when asked for"
echo "native worker check: ok"
