using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MarketSim.Data.Sweeps;

/// <summary>
/// The design section of a sweep manifest; rows and runs are the whole design's, in every shard too. Scramble is set
/// for the sobol and saltelli samplers only (false in manifests written before designs were scrambled).
/// </summary>
public sealed record SweepDesignInfo(string Sampler, int? Samples = null, bool SecondOrder = false, int? Rows = null,
    long? Runs = null, int? Levels = null, int? Trajectories = null, bool? Scramble = null);

/// <summary>
/// manifest.json of a sweep: tool, version, name, seed, replications, scenario (and its resolved hash), the design, the parameters, the
/// outputs, the spec as given (the sweep's identity), the shard, and the row count of each table once the sweep has
/// finished. No timestamps, so reruns are byte-identical. A manifest written by hand needs only design.sampler and
/// parameters: the name defaults to "sweep", the seed to none.
/// </summary>
public sealed record SweepManifest
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Version { get; init; } = Tool.Version;
    public string Name { get; init; } = "sweep";
    public int? Seed { get; init; }
    public int Replications { get; init; } = 1;
    public string? Scenario { get; init; }
    /// <summary>SHA-256 (hex) of the fully resolved scenario the runs start from; null for a design written without it.</summary>
    public string? ScenarioSha256 { get; init; }
    public required SweepDesignInfo Design { get; init; }
    public required IReadOnlyList<SweepParameter> Parameters { get; init; }
    /// <summary>none, annual or monthly.</summary>
    public string Timeseries { get; init; } = "none";
    public IReadOnlyList<string>? TimeseriesMetrics { get; init; }
    /// <summary>The spec as given; two sweeps with the same spec are the same sweep.</summary>
    public JsonNode? Spec { get; init; }
    public (int Index, int Count)? Shard { get; init; }
    /// <summary>Rows of each table; null until the sweep (or shard) has finished, and in older manifests.</summary>
    public IReadOnlyDictionary<string, long>? TableRows { get; init; }
    /// <summary>How the finished tables are stored (written to the manifest only when Parquet).</summary>
    public TableFormat Format { get; init; }

    public string Sampler => Design.Sampler;
    public bool SecondOrder => Design.SecondOrder;

    /// <summary>
    /// What a Saltelli design's indices are about: its groups in order of first appearance (a parameter without a
    /// group is one of its own, named by its key); without groups, the parameters.
    /// </summary>
    public IReadOnlyList<string> SobolFactors => [.. Parameters.Select(p => p.Group ?? p.Key).Distinct()];

    /// <summary>The spec part of a sweep's identity (<see cref="SweepIdentity"/>): its spec, keys in one order.</summary>
    public string SpecKey => SweepIdentity.KeyOf(Spec);

    /// <summary>The row count recorded for <paramref name="file"/>, if any.</summary>
    public long? RowsOf(string file) => TableFormats.RowsOf(TableRows, file);

    public string ToJson()
    {
        var manifest = new JsonObject
        {
            ["tool"] = Tool.Name,
            ["version"] = Version,
            ["name"] = Name,
            ["seed"] = Seed,
            ["replications"] = Replications,
            ["scenario"] = Scenario,
            ["scenario_sha256"] = ScenarioSha256,
            ["design"] = new JsonObject
            {
                ["sampler"] = Design.Sampler,
                ["samples"] = Design.Samples,
                ["secondOrder"] = Design.SecondOrder,
                ["scramble"] = Design.Scramble,
                ["rows"] = Design.Rows,
                ["runs"] = Design.Runs,
                ["levels"] = Design.Levels,
                ["trajectories"] = Design.Trajectories,
            },
            ["parameters"] = new JsonArray([.. Parameters.Select(p => p.ToJson())]),
            ["outputs"] = new JsonObject
            {
                ["timeseries"] = Timeseries,
                ["metrics"] = TimeseriesMetrics is { } m ? new JsonArray([.. m.Select(x => (JsonNode)x)]) : null,
            },
            ["spec"] = Spec?.DeepClone(),
        };
        if (Format == TableFormat.Parquet) manifest["format"] = Format.Name();
        if (Shard is { } s) manifest["shard"] = new JsonObject { ["index"] = s.Index, ["count"] = s.Count };
        if (TableRows is { } rows) manifest[ManifestJson.Tables] = ManifestJson.TablesNode(rows);
        return manifest.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>Writes DIR/manifest.json atomically.</summary>
    public void Write(string dir) => AtomicFiles.WriteFile(Path.Combine(dir, SweepFiles.Manifest), ToJson());

    public static SweepManifest Read(string path)
    {
        using var document = ManifestJson.Parse(path);
        return SweepManifestReader.Read(document.RootElement, path);
    }
}
