using System.Text.Json;
using System.Text.Json.Nodes;

namespace MarketSim.Data;

/// <summary>What the run and sweep manifests share: who wrote them, and the row count of each table.</summary>
internal static class ManifestJson
{
    public const string Tables = "tables";

    /// <summary>Whether <paramref name="path"/> is a JSON object whose "tool" is MarketSim.</summary>
    public static bool IsMarketSim(string path)
    {
        if (!File.Exists(path)) return false;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("tool", out var tool)
                && tool.ValueKind == JsonValueKind.String && tool.GetString() == Tool.Name;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Parses a manifest: a missing file or invalid JSON is one line naming the file.</summary>
    public static JsonDocument Parse(string path)
    {
        if (!File.Exists(path)) throw new DataFileException($"{path}: file not found");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new DataFileException($"{path}: not valid JSON ({e.Message.Split('.')[0]})");
        }
        if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
        document.Dispose();
        throw new DataFileException($"{path}: expected a JSON object");
    }

    /// <summary>"tables": { "summary.csv": { "rows": 42 }, ... } in file order.</summary>
    public static JsonObject TablesNode(IReadOnlyDictionary<string, long> rows) =>
        new(rows.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)new JsonObject { ["rows"] = r.Value })));

    /// <summary>The recorded row counts, or null for a manifest written before they were recorded.</summary>
    public static IReadOnlyDictionary<string, long>? ReadTables(JsonElement root, string path)
    {
        if (!root.TryGetProperty(Tables, out var tables) || tables.ValueKind == JsonValueKind.Null) return null;
        if (tables.ValueKind != JsonValueKind.Object) throw Bad(path, "tables must be an object");
        var rows = new Dictionary<string, long>();
        foreach (var table in tables.EnumerateObject())
        {
            if (table.Value.ValueKind != JsonValueKind.Object || !table.Value.TryGetProperty("rows", out var count)
                || !count.TryGetInt64(out var n) || n < 0)
                throw Bad(path, $"tables:{table.Name}: expected {{\"rows\": <whole number>}}");
            rows[table.Name] = n;
        }
        return rows;
    }

    public static DataFileException Bad(string path, string detail) => new($"{path}: {detail}");
}
