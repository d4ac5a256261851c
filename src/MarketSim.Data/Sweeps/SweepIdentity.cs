using System.Text.Json;
using System.Text.Json.Nodes;

namespace MarketSim.Data.Sweeps;

/// <summary>
/// Which sweep a directory holds: its spec with every object's keys in one order (reordering a spec's keys keeps the
/// sweep; the order of parameters and values, which shapes the design, does not), and the SHA-256 of the fully
/// resolved scenario it runs (an edited scenario file makes another sweep even under the same spec and file name).
/// </summary>
public sealed record SweepIdentity(string SpecKey, string Name, string? ScenarioSha256)
{
    public static SweepIdentity Of(SweepManifest manifest) => new(manifest.SpecKey, manifest.Name, manifest.ScenarioSha256);

    /// <summary>The identity recorded in DIR/manifest.json, or null when there is none or it is not JSON.</summary>
    public static SweepIdentity? Of(string directory)
    {
        var path = Path.Combine(directory, SweepFiles.Manifest);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) is JsonObject node
                ? new SweepIdentity(KeyOf(node["spec"]), node["name"]?.ToString() ?? "", node["scenario_sha256"]?.GetValue<string>())
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException) { return null; }
    }

    /// <summary>
    /// Why a directory holding <paramref name="existing"/> cannot take this sweep, or null when it can. A side
    /// without a scenario hash (a design written without running) matches any scenario.
    /// </summary>
    public string? RefusalGiven(SweepIdentity existing)
    {
        if (existing.SpecKey != SpecKey) return $"already holds results of another spec ('{existing.Name}')";
        if (existing.ScenarioSha256 is { } before && ScenarioSha256 is { } now && before != now)
            return $"holds results of this spec on another scenario (scenario_sha256 {before[..12]}..., now {now[..12]}...): " +
                "the scenario changed since";
        return null;
    }

    /// <summary>The spec, compact, with the keys of every object in ordinal order.</summary>
    public static string KeyOf(JsonNode? spec) => spec is null ? "" : Canonical(spec)?.ToJsonString() ?? "null";

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Canonical)]),
        _ => node?.DeepClone(),
    };
}
