#!/usr/bin/env bash
# Compiles and runs the "Change a rule" example of README.md exactly as written, against the repository's kernel.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
awk '/^## Change a rule/{on=1} on&&/^```csharp/{grab=1; next} grab&&/^```/{exit} grab{print}' "$root/README.md" > "$tmp/Program.cs"
[ -s "$tmp/Program.cs" ] || { echo "readme example: no csharp block under 'Change a rule'" >&2; exit 1; }
cat > "$tmp/example.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><ProjectReference Include="$root/src/MarketSim.Core/MarketSim.Core.csproj" /></ItemGroup>
</Project>
XML
out=$(cd "$tmp" && dotnet run -c Release 2>&1) || { echo "$out" >&2; echo "readme example: failed to build or run" >&2; exit 1; }
echo "$out"
grep -Eq '^AI capex 2026-27: [0-9]+ -> [0-9]+ USD bn$' <<<"$out" || { echo "readme example: unexpected output" >&2; exit 1; }
orders=$(sed -nE 's/^chip orders by the new rule: ([0-9]+)$/\1/p' <<<"$out")
[ "${orders:-0}" -gt 0 ] || { echo "readme example: the new rule placed no chip orders" >&2; exit 1; }
echo "readme example: ok ($orders chip orders by HalfSpotCapacity)"
