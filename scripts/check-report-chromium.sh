#!/usr/bin/env bash
# Opens a run's report.html in headless Chromium and checks that every embedded figure decoded
# (the report's inline script writes <body data-images-loaded="n/total">). Exits non-zero on any failure;
# it never skips: without Chromium it installs it, and if that fails the check fails.
#
# The run directory is the baseline's: `marketsim run --seed 1 --no-plots`, then `marketsim report` draws it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fail() { echo "report check: FAILED: $*" >&2; exit 1; }

if ! command -v chromium >/dev/null 2>&1; then
  echo "report check: chromium not found, installing it (apt-get install chromium)" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2 \
    || fail "could not install chromium"
  command -v chromium >/dev/null 2>&1 || fail "chromium still missing after installation"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

dotnet build "$root/src/MarketSim.Cli" -nologo -v q >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; fail "build failed"; }
cli="$root/src/MarketSim.Cli/bin/Debug/net10.0/marketsim.dll"
[ -f "$cli" ] || fail "built CLI not found at $cli"

run="$tmp/run"
dotnet "$cli" run --seed 1 --no-plots --out "$run" >"$tmp/run.log" 2>&1 || { cat "$tmp/run.log" >&2; fail "marketsim run failed"; }

dotnet "$cli" report "$run" >"$tmp/report.log" 2>&1 || { cat "$tmp/report.log" >&2; fail "marketsim report failed"; }
[ -f "$run/report.html" ] || fail "marketsim report wrote no report.html"
n="$(find "$run/plots" -maxdepth 1 -name '*.png' | wc -l)"
[ "$n" -gt 0 ] || fail "no figures in $run/plots"

# Figures must not depend on installed fonts: redraw with the system font directory hidden and compare bytes.
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
  cp -r "$run" "$tmp/nofonts" && rm -rf "$tmp/nofonts/plots"
  unshare -m sh -c 'mount -t tmpfs none /usr/share/fonts && exec dotnet "$0" plot "$1"' "$cli" "$tmp/nofonts" >/dev/null \
    || fail "marketsim plot failed with the system fonts hidden"
  for f in "$run"/plots/*.png "$run"/plots/*.svg; do
    cmp -s "$f" "$tmp/nofonts/plots/$(basename "$f")" || fail "$(basename "$f") differs when no system fonts are installed"
  done
  echo "report check: figures are byte-identical with no system fonts"
else
  echo "report check: font-independence check not run (needs root and unshare -m)"
fi

chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --disable-dev-shm-usage --user-data-dir="$tmp/profile" \
  --virtual-time-budget=5000 --dump-dom "file://$run/report.html" >"$tmp/dom.html" 2>"$tmp/chromium.log" \
  || { tail -n 20 "$tmp/chromium.log" >&2; fail "chromium exited with an error"; }

loaded="$(grep -o 'data-images-loaded="[0-9]*/[0-9]*"' "$tmp/dom.html" | head -n 1 | cut -d'"' -f2 || true)"
[ -n "$loaded" ] || { tail -n 20 "$tmp/chromium.log" >&2; fail "the rendered page has no data-images-loaded attribute (script did not run)"; }
[ "$loaded" = "$n/$n" ] || fail "$loaded images loaded, expected $n/$n"
echo "report check: ok ($n/$n images)"
