using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MarketSim.Data.Sweeps;

/// <summary>Reads manifest.json into a <see cref="SweepManifest"/>; anything it cannot use is one line naming the key.</summary>
internal static class SweepManifestReader
{
    public static SweepManifest Read(JsonElement root, string path)
    {
        DataFileException Bad(string detail) => ManifestJson.Bad(path, detail);
        if (!root.TryGetProperty("design", out var design) || design.ValueKind != JsonValueKind.Object)
            throw Bad("design: missing; expected an object with a \"sampler\"");
        if (!design.TryGetProperty("sampler", out var sampler) || sampler.ValueKind != JsonValueKind.String)
            throw Bad("design:sampler: missing; expected a string such as \"saltelli\" or \"morris\"");
        if (!root.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Array
            || parameters.GetArrayLength() == 0)
            throw Bad("parameters: missing; expected a non-empty array");
        var list = parameters.EnumerateArray().Select((p, i) => Parameter(p, i, Bad)).ToList();
        var duplicate = list.GroupBy(p => p.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw Bad($"parameters: key {duplicate.Key} appears more than once");
        var outputs = root.TryGetProperty("outputs", out var o) && o.ValueKind == JsonValueKind.Object ? o : default;
        return new SweepManifest
        {
            Version = Text(root, "version") ?? "",
            Name = Text(root, "name") ?? "sweep",
            Seed = Int(root, "seed"),
            Replications = Int(root, "replications") ?? 1,
            Scenario = Text(root, "scenario"),
            ScenarioSha256 = Text(root, "scenario_sha256"),
            Design = new SweepDesignInfo(sampler.GetString()!.ToLowerInvariant(), Int(design, "samples"),
                design.TryGetProperty("secondOrder", out var so) && so.ValueKind == JsonValueKind.True, Int(design, "rows"),
                design.TryGetProperty("runs", out var runs) && runs.ValueKind == JsonValueKind.Number && runs.TryGetInt64(out var r) ? r : null,
                Int(design, "levels"), Int(design, "trajectories"),
                design.TryGetProperty("scramble", out var sc) && sc.ValueKind is JsonValueKind.True or JsonValueKind.False ? sc.GetBoolean() : null),
            Parameters = list,
            Timeseries = outputs.ValueKind == JsonValueKind.Object ? Text(outputs, "timeseries") ?? "none" : "none",
            TimeseriesMetrics = outputs.ValueKind == JsonValueKind.Object && outputs.TryGetProperty("metrics", out var m)
                && m.ValueKind == JsonValueKind.Array ? [.. m.EnumerateArray().Select(x => x.ToString())] : null,
            Spec = root.TryGetProperty("spec", out var spec) ? JsonNode.Parse(spec.GetRawText()) : null,
            Shard = root.TryGetProperty("shard", out var shard) && Int(shard, "index") is { } k && Int(shard, "count") is { } n ? (k, n) : null,
            TableRows = ManifestJson.ReadTables(root, path),
            Format = TableFormats.Parse(Text(root, "format")),
        };
    }

    private static SweepParameter Parameter(JsonElement p, int index, Func<string, DataFileException> bad)
    {
        if (p.ValueKind != JsonValueKind.Object || Text(p, "key") is not { } key)
            throw bad($"parameters[{index}]: expected an object with a string \"key\"");
        if (p.TryGetProperty("values", out var values))
        {
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
                throw bad($"parameters[{index}] ({key}): values must be a non-empty array");
            return new SweepParameter(key, double.NaN, double.NaN, false,
                values.EnumerateArray().Select(v => Spelling(v) ?? throw bad($"{key}: values must be booleans, numbers or strings")).ToList())
            {
                GivenValues = (JsonArray)JsonNode.Parse(values.GetRawText())!,
                Group = Group(p, key, bad),
            };
        }
        var min = Number(p, "min") ?? throw bad($"{key}: min missing; expected a finite number");
        var max = Number(p, "max") ?? throw bad($"{key}: max missing; expected a finite number");
        var scale = Text(p, "scale") ?? "linear";
        if (scale is not ("linear" or "log")) throw bad($"{key}: scale {scale} is not allowed; allowed linear or log");
        if (!(min < max)) throw bad($"{key}: min {min} must be below max {max}");
        if (scale == "log" && !(min > 0)) throw bad($"{key}: a log scale needs min > 0, got {min}");
        return new SweepParameter(key, min, max, scale == "log", null)
        {
            Steps = Int(p, "steps"),
            Group = Group(p, key, bad),
            Distribution = Distribution(p, key, bad),
        };
    }

    private static string? Group(JsonElement p, string key, Func<string, DataFileException> bad) =>
        !p.TryGetProperty("group", out var g) || g.ValueKind == JsonValueKind.Null ? null
        : g.ValueKind == JsonValueKind.String && g.GetString()!.Length > 0 ? g.GetString()
        : throw bad($"{key}: group must be a non-empty string");

    /// <summary>"distribution": {"name": .., its arguments}, or null for a uniform or log-uniform range.</summary>
    private static ParameterDistribution? Distribution(JsonElement p, string key, Func<string, DataFileException> bad)
    {
        if (!p.TryGetProperty("distribution", out var d) || d.ValueKind == JsonValueKind.Null) return null;
        if (d.ValueKind != JsonValueKind.Object || Text(d, "name") is not { } name)
            throw bad($"{key}: distribution must be an object with a \"name\"");
        var arguments = new Dictionary<string, double>();
        foreach (var a in d.EnumerateObject().Where(a => a.Name != "name"))
            arguments[a.Name] = a.Value.ValueKind == JsonValueKind.Number
                ? a.Value.GetDouble()
                : throw bad($"{key}: distribution.{a.Name} must be a number");
        try
        {
            return ParameterDistribution.Create(name, arguments);
        }
        catch (ArgumentException e)
        {
            throw bad($"{key}: {e.Message}");
        }
    }

    /// <summary>The value as design.csv spells it: booleans true/false, numbers in "R" format, strings as is.</summary>
    private static string? Spelling(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => v.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.String => v.GetString()!,
        _ => null,
    };

    private static string? Text(JsonElement o, string key) =>
        o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement o, string key) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number
        && v.TryGetInt32(out var i) ? i : null;

    private static double? Number(JsonElement o, string key) =>
        o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && double.IsFinite(v.GetDouble()) ? v.GetDouble() : null;
}
