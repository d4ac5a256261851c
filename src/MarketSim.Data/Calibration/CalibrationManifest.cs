using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MarketSim.Data.Calibration;

/// <summary>
/// manifest.json of a calibration: tool, version, name, seed, scenario, the spec as given (the calibration's
/// identity), how far it got (generations, simulations, why it stopped) and, once finished, the row count of each
/// table. No timestamps, so reruns are byte-identical.
/// </summary>
public sealed record CalibrationManifest
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Version { get; init; } = Tool.Version;
    public required string Name { get; init; }
    public required int Seed { get; init; }
    public required string Scenario { get; init; }
    public required JsonNode Spec { get; init; }
    /// <summary>running, or finished.</summary>
    public string Status { get; init; } = "running";
    public int Generations { get; init; }
    public long Simulations { get; init; }
    public string? Stopped { get; init; }
    public IReadOnlyDictionary<string, long>? TableRows { get; init; }

    public string SpecKey => Spec.ToJsonString();

    public string ToJson()
    {
        var manifest = new JsonObject
        {
            ["tool"] = Tool.Name,
            ["version"] = Version,
            ["kind"] = "calibration",
            ["name"] = Name,
            ["seed"] = Seed,
            ["scenario"] = Scenario,
            ["status"] = Status,
            ["generations"] = Generations,
            ["simulations"] = Simulations,
            ["stopped"] = Stopped,
            ["spec"] = Spec.DeepClone(),
        };
        if (TableRows is { } rows) manifest[ManifestJson.Tables] = ManifestJson.TablesNode(rows);
        return manifest.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    public void Write(string dir) => AtomicFiles.WriteFile(Path.Combine(dir, CalibrationFiles.Manifest), ToJson());

    /// <summary>The spec key of the calibration a directory holds, or null when it has no readable manifest.</summary>
    public static string? SpecKeyOf(string dir)
    {
        var path = Path.Combine(dir, CalibrationFiles.Manifest);
        if (!File.Exists(path)) return null;
        try { return (JsonNode.Parse(File.ReadAllText(path)) as JsonObject)?["spec"]?.ToJsonString(); }
        catch (JsonException) { return null; }
    }

    /// <summary>Whether <paramref name="dir"/> holds a calibration: a manifest.json of kind calibration.</summary>
    public static bool Holds(string dir)
    {
        var path = Path.Combine(dir, CalibrationFiles.Manifest);
        if (!File.Exists(path)) return false;
        try { return (string?)(JsonNode.Parse(File.ReadAllText(path)) as JsonObject)?["kind"] == "calibration"; }
        catch (Exception e) when (e is JsonException or InvalidOperationException) { return false; }
    }

    /// <summary>Throws when <paramref name="dir"/> is a file, a run or sweep, or a non-empty directory MarketSim did not write.</summary>
    public static void EnsureWritable(string dir) => OutputDirectories.EnsureCalibrationWritable(dir);
}
