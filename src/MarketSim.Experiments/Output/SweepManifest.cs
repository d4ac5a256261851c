using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MarketSim.Experiments.Design;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments.Output;

/// <summary>manifest.json of a sweep (no timestamps, so reruns are byte-identical).</summary>
public static class SweepManifest
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Build(SweepSpec spec, SweepDesign design, (int Index, int Count)? shard = null)
    {
        var d = spec.Design;
        var manifest = new JsonObject
        {
            ["tool"] = "MarketSim",
            ["version"] = "0.1.0",
            ["name"] = spec.Name,
            ["seed"] = spec.Seed,
            ["replications"] = spec.Replications,
            ["scenario"] = spec.Scenario,
            ["design"] = new JsonObject
            {
                ["sampler"] = d.Sampler.ToString().ToLowerInvariant(),
                ["samples"] = d.Samples,
                ["secondOrder"] = d.SecondOrder,
                ["rows"] = design.Rows.Count,
                ["runs"] = design.RunCount,
                ["levels"] = d.Sampler == Sampler.Morris ? d.Levels ?? 4 : null,
                ["trajectories"] = d.Trajectories,
            },
            ["parameters"] = new JsonArray([.. spec.Parameters.Select((p, i) => Parameter(p, spec.Given["parameters"]?[i]?["values"]))]),
            ["outputs"] = new JsonObject
            {
                ["timeseries"] = spec.Outputs.Timeseries.ToString().ToLowerInvariant(),
                ["metrics"] = spec.Outputs.Metrics is { } m ? new JsonArray([.. m.Select(x => (JsonNode)x)]) : null,
            },
            ["spec"] = spec.Given.DeepClone(),
        };
        if (shard is { } s) manifest["shard"] = new JsonObject { ["index"] = s.Index, ["count"] = s.Count };
        return manifest;
    }

    // Categorical values keep their JSON types (true, 2, "x") as the spec gave them.
    private static JsonNode Parameter(ParameterSpec p, JsonNode? givenValues)
    {
        if (p.Values is not null)
            return new JsonObject { ["key"] = p.Key, ["values"] = givenValues?.DeepClone() };
        var o = new JsonObject { ["key"] = p.Key, ["min"] = p.Min, ["max"] = p.Max, ["scale"] = p.Scale.ToString().ToLowerInvariant() };
        if (p.Steps is { } steps) o["steps"] = steps;
        return o;
    }

    public static string ToText(JsonObject manifest) => manifest.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";

    /// <summary>The identity of a sweep: its spec as given, compacted.</summary>
    public static string SpecKey(JsonNode? manifest) => manifest?["spec"]?.ToJsonString() ?? "";

    public static JsonObject? TryRead(string dir)
    {
        var path = Path.Combine(dir, SweepFiles.Manifest);
        if (!File.Exists(path)) return null;
        try { return JsonNode.Parse(File.ReadAllText(path)) as JsonObject; }
        catch (JsonException) { return null; }
    }
}
