#!/usr/bin/env bash
# Runs every walkthrough in notebooks/: each C# file-based app with `dotnet run notebooks/NAME.cs` (from the repository
# root, as the README says) and each Python notebook headless with `jupyter nbconvert --execute`, using Debian's
# Jupyter, pandas and matplotlib (installed with apt when missing). Fails on any error, on a C# walkthrough that writes
# no figure into results/notebooks/NAME/, on a Python cell that writes to stderr (warnings included), and on a
# committed notebook that carries outputs. Prints each notebook's time; never skips one.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
apt_packages=(jupyter-nbconvert python3-ipykernel python3-pandas python3-matplotlib)
# Debian's interpreter, where the packages above put their modules (a python3 earlier on PATH may lack them).
py=/usr/bin/python3
jupyter=/usr/bin/jupyter

fail() { echo "notebooks check: $*" >&2; exit 1; }
seconds() { local ms=$(( ($(date +%s%N) - $1) / 1000000 )); echo "$((ms / 1000)).$((ms % 1000 / 100)) s"; }

shopt -s nullglob
apps=("$root"/notebooks/*.cs)
notebooks=("$root"/notebooks/*.ipynb)
[ ${#apps[@]} -gt 0 ] || fail "no C# walkthroughs (notebooks/*.cs)"
[ ${#notebooks[@]} -gt 0 ] || fail "no Python notebooks (notebooks/*.ipynb)"
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT

# 1. Notebooks are committed without outputs.
"$py" - "${notebooks[@]}" <<'PY' || fail "clear the outputs above before committing"
import json, sys
bad = [f"{path.rsplit('/', 1)[-1]}: cell {i} has outputs" for path in sys.argv[1:]
       for i, cell in enumerate(json.load(open(path, encoding="utf-8"))["cells"])
       if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)]
for line in bad:
    print(line, file=sys.stderr)
sys.exit(1 if bad else 0)
PY

# 2. Jupyter, pandas and matplotlib from Debian's packages.
if ! { [ -x "$jupyter" ] && "$py" -c 'import nbconvert, ipykernel, pandas, matplotlib' 2>/dev/null; }; then
  [ "$(id -u)" -eq 0 ] || fail "Jupyter, pandas or matplotlib is missing and installing them needs root: apt-get install -y ${apt_packages[*]}"
  echo "installing ${apt_packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi

# 3. Each C# walkthrough as a reader runs it; the first one also builds the libraries it references.
for app in "${apps[@]}"; do
  name=$(basename "$app" .cs)
  stamp="$out/$name.stamp"; touch "$stamp"
  start=$(date +%s%N)
  if ! (cd "$root" && dotnet run "notebooks/$name.cs") >"$out/$name.log" 2>&1; then
    tail -40 "$out/$name.log" >&2
    fail "$name.cs failed"
  fi
  took=$(seconds "$start")
  figures=$(find "$root/results/notebooks/$name" -name '*.png' -newer "$stamp" 2>/dev/null | wc -l)
  [ "$figures" -gt 0 ] || fail "$name.cs wrote no figure into results/notebooks/$name/"
  echo "$name.cs: $took ($(wc -l <"$out/$name.log") lines of output, $figures PNG files in results/notebooks/$name/)"
done

# 4. Each Python notebook, executed in its own folder as Jupyter would.
for nb in "${notebooks[@]}"; do
  name=$(basename "$nb")
  start=$(date +%s%N)
  if ! (cd "$(dirname "$nb")" && PYDEVD_DISABLE_FILE_VALIDATION=1 "$jupyter" nbconvert --to notebook --execute \
        --output-dir "$out" --ExecutePreprocessor.timeout=300 "$name") >"$out/$name.log" 2>&1; then
    tail -40 "$out/$name.log" >&2
    fail "$name failed"
  fi
  took=$(seconds "$start")
  "$py" - "$out/$name" <<'PY' || fail "$name: see above"
import json, sys
cells = {i: c for i, c in enumerate(json.load(open(sys.argv[1], encoding="utf-8"))["cells"]) if c["cell_type"] == "code"}
problems = [f"cell {i} did not run" for i, c in cells.items() if c.get("execution_count") is None]
problems += [f"cell {i} wrote to stderr: {''.join(o['text']).strip()[:300]}" for i, c in cells.items()
             for o in c.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr"]
for line in problems:
    print(line, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
  echo "$name: $took"
done
echo "notebooks check: ok (${#apps[@]} C# walkthroughs, ${#notebooks[@]} Python notebooks)"
