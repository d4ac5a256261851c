#!/usr/bin/env bash
# Executes every notebook in notebooks/ headless, top to bottom, with the .NET Interactive C# kernel; any failing
# cell fails the check. Installs what is missing first (Debian's Jupyter packages, the dotnet-interactive tool and
# its Jupyter kernels), refuses committed notebooks that carry outputs, and checks that the package versions the
# notebooks load are the ones Directory.Packages.props pins.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1
export PATH="$PATH:$HOME/.dotnet/tools"
interactive_version=1.0.712001
apt_packages=(jupyter-nbconvert python3-jupyter-client jupyter-core python3-ipykernel jupyter-client)
# Debian's interpreter, where the packages above put Jupyter's modules (a python3 earlier on PATH may lack them).
py=/usr/bin/python3

fail() { echo "notebooks check: $*" >&2; exit 1; }

shopt -s nullglob
notebooks=("$root"/notebooks/*.ipynb)
[ ${#notebooks[@]} -gt 0 ] || fail "no notebooks in notebooks/"

# 1. Jupyter from Debian's packages.
if ! { [ -x /usr/bin/jupyter-nbconvert ] && "$py" -c 'import nbclient, ipykernel, jupyter_client' 2>/dev/null; }; then
  [ "$(id -u)" -eq 0 ] || fail "jupyter is missing and installing it needs root: apt-get install -y ${apt_packages[*]}"
  echo "installing ${apt_packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi
jupyter=/usr/bin/jupyter

# 2. The .NET Interactive tool at the pinned version, and its kernels registered with Jupyter.
installed=$(dotnet tool list -g | awk 'tolower($1) == "microsoft.dotnet-interactive" { print $2 }')
if [ "$installed" != "$interactive_version" ]; then
  verb=install; [ -n "$installed" ] && verb=update
  echo "dotnet tool $verb -g Microsoft.dotnet-interactive --version $interactive_version"
  dotnet tool "$verb" -g Microsoft.dotnet-interactive --version "$interactive_version" >/dev/null
fi
has_kernel() { grep -q '\.net-csharp' <<<"$("$jupyter" kernelspec list 2>/dev/null)"; }
if ! has_kernel; then
  echo "dotnet interactive jupyter install"
  dotnet interactive jupyter install >/dev/null
fi
has_kernel || fail "the .NET (C#) kernel is not registered with Jupyter"

# 3. Committed without outputs, and loading the pinned package versions.
"$py" - "$root/Directory.Packages.props" "${notebooks[@]}" <<'PY'
import json, re, sys, xml.etree.ElementTree as ET
pinned = {e.get("Include"): e.get("Version") for e in ET.parse(sys.argv[1]).iter("PackageVersion")}
bad = []
for path in sys.argv[2:]:
    name = path.rsplit("/", 1)[-1]
    for i, cell in enumerate(json.load(open(path, encoding="utf-8"))["cells"]):
        if cell["cell_type"] != "code":
            continue
        if cell.get("outputs") or cell.get("execution_count") is not None:
            bad.append(f"{name}: cell {i} has outputs; clear them before committing")
        for package, version in re.findall(r'#r\s+"nuget:\s*([^,"]+),\s*([^"]+)"', "".join(cell["source"])):
            if pinned.get(package.strip()) != version.strip():
                bad.append(f"{name}: cell {i} loads {package.strip()} {version.strip()}, "
                           f"Directory.Packages.props pins {pinned.get(package.strip(), 'nothing')}")
for line in bad:
    print(f"notebooks check: {line}", file=sys.stderr)
sys.exit(1 if bad else 0)
PY

# 4. The libraries the notebooks load from the repository (up to date after .ci/run's build: then a quick no-op).
for project in MarketSim.Plots MarketSim.Experiments; do
  dotnet build "$root/src/$project" -c Release -nologo -v quiet >/dev/null || fail "dotnet build src/$project failed"
done

# 5. Execute each notebook in its own folder, as a reader would.
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
for nb in "${notebooks[@]}"; do
  name=$(basename "$nb")
  start=$(date +%s%N)
  if ! (cd "$(dirname "$nb")" && "$jupyter" nbconvert --to notebook --execute --output-dir "$out" \
        --ExecutePreprocessor.timeout=300 "$name") >"$out/$name.log" 2>&1; then
    grep -v -E '^(info: Microsoft\.Hosting|      (Now listening|Application|Hosting environment|Content root))' \
      "$out/$name.log" | tail -40 >&2
    fail "$name failed"
  fi
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  # Every code cell ran, and none wrote to stderr (compiler warnings included).
  "$py" - "$out/$name" <<'PY' || fail "$name: see above"
import json, sys
cells = {i: c for i, c in enumerate(json.load(open(sys.argv[1], encoding="utf-8"))["cells"]) if c["cell_type"] == "code"}
problems = [f"cell {i} did not run" for i, c in cells.items() if c.get("execution_count") is None]
problems += [f"cell {i} wrote to stderr: {''.join(o['text']).strip()[:300]}" for i, c in cells.items()
             for o in c.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr"]
for p in problems:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
  echo "$name: $((ms / 1000)).$((ms % 1000 / 100)) s"
done
echo "notebooks check: ok (${#notebooks[@]} notebooks)"
