using System.Text.Json;

namespace MarketSim.Data.Runs;

/// <summary>
/// manifest.json of a run: the tool and version, the scenario's name, the seed, the row count of each table, and the
/// fully resolved scenario (saved as a file it loads back to the same scenario). No timestamps, so reruns are
/// byte-identical.
/// </summary>
public sealed record RunManifest(string ScenarioName, int Seed, JsonElement Scenario)
{
    public string Version { get; init; } = Tool.Version;

    /// <summary>Rows of each table as written; null in a manifest written before they were recorded.</summary>
    public IReadOnlyDictionary<string, long>? TableRows { get; init; }

    /// <summary>How the tables are stored (written to the manifest only when Parquet).</summary>
    public TableFormat Format { get; init; }

    public void Write(string path) => AtomicFiles.WriteFile(path, stream =>
    {
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("tool", Tool.Name);
            json.WriteString("version", Version);
            json.WriteString("scenario_name", ScenarioName);
            json.WriteNumber("seed", Seed);
            if (Format == TableFormat.Parquet) json.WriteString("format", Format.Name());
            if (TableRows is { } rows)
            {
                json.WritePropertyName(ManifestJson.Tables);
                ManifestJson.TablesNode(rows).WriteTo(json);
            }
            json.WritePropertyName("scenario");
            Scenario.WriteTo(json);
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    });

    public static RunManifest Read(string path)
    {
        using var document = ManifestJson.Parse(path);
        var root = document.RootElement;
        if (!root.TryGetProperty("scenario", out var scenario) || scenario.ValueKind != JsonValueKind.Object)
            throw ManifestJson.Bad(path, "missing object 'scenario'");
        return new RunManifest(String(root, "scenario_name", path), Int(root, "seed", path), scenario.Clone())
        {
            Version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "",
            TableRows = ManifestJson.ReadTables(root, path),
            Format = TableFormats.Parse(root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null),
        };
    }

    private static string String(JsonElement root, string key, string path) =>
        root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw ManifestJson.Bad(path, $"missing string '{key}'");

    private static int Int(JsonElement root, string key, string path) =>
        root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)
            ? i
            : throw ManifestJson.Bad(path, $"missing integer '{key}'");
}
