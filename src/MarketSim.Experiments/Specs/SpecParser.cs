using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MarketSim.Experiments.Specs;

/// <summary>Reads a sweep spec strictly: unknown keys, wrong types and impossible ranges are one-line SpecExceptions.</summary>
public static partial class SpecParser
{
    private static readonly string[] TopKeys = ["name", "scenario", "seed", "replications", "design", "parameters", "outputs"];
    private static readonly string[] DesignKeys = ["sampler", "samples", "secondOrder", "trajectories", "levels", "posterior", "posteriorKeys", "scramble"];
    private static readonly string[] ParameterKeys =
        ["key", "min", "max", "scale", "values", "steps", "distribution", "mean", "sd", "mu", "sigma", "mode", "group"];
    private static readonly string[] OutputKeys = ["timeseries", "metrics"];

    public static SweepSpec Load(string path, bool requireScenario = true) => Parse(ReadSpecFile(path), path, requireScenario);

    /// <summary>A spec file's text; a missing or unreadable file is one line.</summary>
    internal static string ReadSpecFile(string path)
    {
        if (!File.Exists(path)) throw new SpecException($"{path}: spec file not found");
        try { return File.ReadAllText(path); }
        catch (IOException e) { throw new SpecException($"{path}: cannot read spec file ({e.Message})"); }
    }

    /// <summary>The spec's top object (JSON with comments) and its context, refusing keys other than <paramref name="topKeys"/>.</summary>
    internal static (Ctx Ctx, JsonObject Top, JsonNode Root) ParseTop(string json, string sourceFile, string[] topKeys)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }); }
        catch (JsonException e) { throw new SpecException($"{sourceFile}: not valid JSON ({OneLine(e.Message)})"); }
        var ctx = new Ctx(sourceFile);
        var top = ctx.Object(root, "spec");
        ctx.OnlyKeys(top, "spec", topKeys);
        return (ctx, top, root!);
    }

    /// <summary>The spec's name, which names its results directory.</summary>
    internal static string Name(Ctx ctx, JsonObject top)
    {
        var name = ctx.String(top, "name", "name") ?? throw ctx.Fail("name", "is required");
        if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || name.StartsWith('.'))
            throw ctx.Fail("name", $"'{name}' must be letters, digits, '-', '_' or '.' (it names the results directory)");
        return name;
    }

    /// <summary>Entry i's scenario key, refusing one that is not a Section:Key path or already in <paramref name="taken"/>.</summary>
    internal static string Key(Ctx ctx, JsonObject o, string list, int i, IEnumerable<string> taken)
    {
        var where = $"{list}[{i}]";
        var key = ctx.String(o, "key", where + ".key") ?? throw ctx.Fail(where + ".key", "is required");
        if (key.Length == 0 || key.Contains('=')) throw ctx.Fail(where + ".key", $"'{key}' is not a Section:Key path");
        if (taken.Contains(key)) throw ctx.Fail($"{where} ({key})", "is listed twice");
        return key;
    }

    public static SweepSpec Parse(string json, string sourceFile, bool requireScenario = true)
    {
        var (ctx, top, root) = ParseTop(json, sourceFile, TopKeys);
        var name = Name(ctx, top);
        var scenario = ctx.String(top, "scenario", "scenario");
        if (scenario is null && requireScenario) throw ctx.Fail("scenario", "is required (a built-in name or a file relative to the spec)");
        string? scenarioPath = null;
        if (scenario is not null && scenario is not "baseline" and not "backtest")
            scenarioPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sourceFile)) ?? ".", scenario));
        var seed = ctx.Int(top, "seed", "seed", 0, int.MaxValue) ?? 1;
        var replications = ctx.Int(top, "replications", "replications", 1, 100000) ?? 1;

        var design = ParseDesign(ctx, ctx.Object(top["design"] ?? throw ctx.Fail("design", "is required"), "design"));
        var parameters = ParseParameters(ctx, top["parameters"], design.Sampler);
        if (design.Posterior is { } posterior) parameters.InsertRange(0, PosteriorParameters(ctx, design, parameters).ToList());
        var outputs = ParseOutputs(ctx, top["outputs"]);
        DesignRules.Check(ctx.File, design, parameters, replications);
        return new SweepSpec(name, scenario, scenarioPath, seed, replications, design, parameters, outputs, sourceFile, root.DeepClone());
    }

    private static DesignSpec ParseDesign(Ctx ctx, JsonObject o)
    {
        ctx.OnlyKeys(o, "design", DesignKeys);
        var samplerText = ctx.String(o, "sampler", "design.sampler") ?? throw ctx.Fail("design.sampler", "is required");
        SamplerKind sampler = samplerText switch
        {
            "grid" => SamplerKind.Grid, "random" => SamplerKind.Random, "lhs" => SamplerKind.Lhs, "sobol" => SamplerKind.Sobol,
            "saltelli" => SamplerKind.Saltelli, "morris" => SamplerKind.Morris, "posterior" => SamplerKind.Posterior,
            _ => throw ctx.Fail("design.sampler", $"unknown sampler '{samplerText}'; allowed grid, random, lhs, sobol, saltelli, morris, posterior"),
        };
        var samples = ctx.Int(o, "samples", "design.samples", 1, 10_000_000);
        var secondOrder = ctx.Bool(o, "secondOrder", "design.secondOrder");
        var trajectories = ctx.Int(o, "trajectories", "design.trajectories", 1, 1_000_000);
        var levels = ctx.Int(o, "levels", "design.levels", 2, 1000);
        var posterior = ctx.String(o, "posterior", "design.posterior");
        if (posterior is not null && sampler != SamplerKind.Posterior) throw ctx.Fail("design.posterior", "applies only to the posterior sampler");
        if (posterior is null && sampler == SamplerKind.Posterior) throw ctx.Fail("design.posterior", "is required by the posterior sampler (a calibration's posterior.csv, relative to the spec)");
        var posteriorPath = posterior is null ? null
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(ctx.File)) ?? ".", posterior));
        var scramble = ctx.Bool(o, "scramble", "design.scramble");
        if (scramble is not null && sampler is not (SamplerKind.Sobol or SamplerKind.Saltelli))
            throw ctx.Fail("design.scramble", "applies only to the sobol and saltelli samplers");
        var posteriorKeys = PosteriorKeys(ctx, o["posteriorKeys"], posteriorPath);
        return new DesignSpec(sampler, samples, secondOrder ?? false, trajectories, levels, posteriorPath, scramble ?? true, posteriorKeys);
    }

    // The posterior's columns a design takes: each named once, each a key of the posterior; kept in the posterior's order.
    private static IReadOnlyList<string>? PosteriorKeys(Ctx ctx, JsonNode? node, string? posteriorPath)
    {
        if (node is null) return null;
        if (posteriorPath is null) throw ctx.Fail("design.posteriorKeys", "applies only to the posterior sampler");
        if (node is not JsonArray array || array.Count == 0 || array.Any(v => v?.GetValueKind() != JsonValueKind.String))
            throw ctx.Fail("design.posteriorKeys", "must be a non-empty list of the posterior's keys");
        var keys = Design.PosteriorSample.Read(posteriorPath).Keys;
        var named = array.Select(v => v!.GetValue<string>()).ToList();
        foreach (var key in named)
            if (!keys.Contains(key))
                throw ctx.Fail("design.posteriorKeys", $"'{key}' is not a key of the posterior; allowed {string.Join(", ", keys)}");
        if (named.Distinct().Count() != named.Count) throw ctx.Fail("design.posteriorKeys", "names a key twice");
        return keys.Where(named.Contains).ToList();
    }

    private static List<ParameterSpec> ParseParameters(Ctx ctx, JsonNode? node, SamplerKind sampler)
    {
        if (node is null && sampler == SamplerKind.Posterior) return [];
        if (node is not JsonArray array) throw ctx.Fail("parameters", "is required: a list of {key, min, max} or {key, values}");
        if (array.Count == 0 && sampler != SamplerKind.Posterior) throw ctx.Fail("parameters", "is empty; give at least one parameter");
        var result = new List<ParameterSpec>();
        for (var i = 0; i < array.Count; i++)
        {
            var where = $"parameters[{i}]";
            var o = ctx.Object(array[i], where);
            ctx.OnlyKeys(o, where, ParameterKeys);
            var key = Key(ctx, o, "parameters", i, result.Select(p => p.Key));
            where = $"parameters[{i}] ({key})";
            var steps = ctx.Int(o, "steps", where + ".steps", 2, 100000);
            var group = ParseGroup(ctx, o, where, sampler);
            if (o["values"] is { } valuesNode)
            {
                if (o.ContainsKey("min") || o.ContainsKey("max") || o.ContainsKey("scale") || steps is not null
                    || DistributionKeys.Any(o.ContainsKey))
                    throw ctx.Fail(where, "give either values or a range (min/max with scale, steps, or a distribution), not both");
                result.Add(new ParameterSpec(key, 0, 1, ParameterScale.Linear, null, ParseValues(ctx, valuesNode, where), false,
                    Group: group));
                continue;
            }
            if (steps is not null && sampler != SamplerKind.Grid) throw ctx.Fail(where + ".steps", "applies only to the grid sampler");
            if (steps is null && sampler == SamplerKind.Grid) throw ctx.Fail(where, "the grid sampler needs steps (2 or more) or values");
            if (ParseDistribution(ctx, o, where) is { } distribution)
            {
                result.Add(new ParameterSpec(key, distribution.Min, distribution.Max, ParameterScale.Linear, steps, null,
                    ScenarioKeyTypes.IsInteger(key), distribution, group));
                continue;
            }
            var min = ctx.Number(o, "min", where + ".min") ?? throw ctx.Fail(where, "needs min and max, or values");
            var max = ctx.Number(o, "max", where + ".max") ?? throw ctx.Fail(where, "needs min and max, or values");
            var scaleText = ctx.String(o, "scale", where + ".scale") ?? (o["distribution"]?.ToString() == "loguniform" ? "log" : "linear");
            var scale = scaleText switch
            {
                "linear" => ParameterScale.Linear, "log" => ParameterScale.Log,
                _ => throw ctx.Fail(where + ".scale", $"unknown scale '{scaleText}'; allowed linear, log"),
            };
            if (!(min < max)) throw ctx.Fail(where, $"min {Num(min)} is not below max {Num(max)}");
            if (scale == ParameterScale.Log && min <= 0) throw ctx.Fail(where, $"log scale needs min above 0, got {Num(min)}");
            result.Add(new ParameterSpec(key, min, max, scale, steps, null, ScenarioKeyTypes.IsInteger(key), Group: group));
        }
        return result;
    }

    // The posterior's keys come first, spanning the values its particles hold; the spec's own parameters (scenario
    // choices such as shocks) are drawn beside them.
    private static IEnumerable<ParameterSpec> PosteriorParameters(Ctx ctx, DesignSpec design, List<ParameterSpec> parameters)
    {
        var path = design.Posterior!;
        var posterior = Design.PosteriorSample.Read(path);
        foreach (var (key, i) in posterior.Keys.Select((k, i) => (k, i)))
        {
            if (design.PosteriorKeys is { } taken && !taken.Contains(key)) continue;
            if (parameters.Any(p => p.Key == key))
                throw ctx.Fail($"parameters ({key})", $"is also a key of the posterior {Path.GetFileName(path)}; give it one source");
            var values = posterior.Particles.Select(p => p.Parameters[i]).ToList();
            yield return new ParameterSpec(key, values.Min(), values.Max(), ParameterScale.Linear, null, null, false);
        }
    }

    private static List<string> ParseValues(Ctx ctx, JsonNode node, string where)
    {
        if (node is not JsonArray values || values.Count == 0) throw ctx.Fail(where + ".values", "must be a non-empty list");
        var list = new List<string>();
        foreach (var v in values)
        {
            var text = v?.GetValueKind() switch
            {
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => Num(v!.GetValue<double>()),
                JsonValueKind.String => v!.GetValue<string>(),
                _ => throw ctx.Fail(where + ".values", "may hold only numbers, booleans or strings"),
            };
            if (list.Contains(text)) throw ctx.Fail(where + ".values", $"lists '{text}' twice");
            list.Add(text);
        }
        return list;
    }

    private static OutputSpec ParseOutputs(Ctx ctx, JsonNode? node)
    {
        if (node is null) return new OutputSpec(TimeseriesOutput.None, null);
        var o = ctx.Object(node, "outputs");
        ctx.OnlyKeys(o, "outputs", OutputKeys);
        var tsText = ctx.String(o, "timeseries", "outputs.timeseries") ?? "none";
        var ts = tsText switch
        {
            "none" => TimeseriesOutput.None, "annual" => TimeseriesOutput.Annual, "monthly" => TimeseriesOutput.Monthly,
            _ => throw ctx.Fail("outputs.timeseries", $"unknown value '{tsText}'; allowed none, annual, monthly"),
        };
        List<string>? metrics = null;
        if (o["metrics"] is { } m)
        {
            if (m is not JsonArray arr || arr.Count == 0) throw ctx.Fail("outputs.metrics", "must be a non-empty list of metric names");
            metrics = [];
            foreach (var item in arr)
            {
                var name = item?.GetValueKind() == JsonValueKind.String ? item.GetValue<string>() : throw ctx.Fail("outputs.metrics", "must hold metric names");
                if (!TimeseriesMetrics.Known.Contains(name))
                    throw ctx.Fail("outputs.metrics", $"unknown metric '{name}'; allowed {string.Join(", ", TimeseriesMetrics.Known)}");
                if (!metrics.Contains(name)) metrics.Add(name);
            }
        }
        return new OutputSpec(ts, metrics);
    }

    internal static string Num(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    internal static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();

    internal sealed record Ctx(string File)
    {
        public SpecException Fail(string where, string what) => new($"{File}: {where}: {what}");

        public JsonObject Object(JsonNode? node, string where) =>
            node as JsonObject ?? throw Fail(where, "must be a JSON object");

        public void OnlyKeys(JsonObject o, string where, string[] allowed)
        {
            foreach (var (key, _) in o)
                if (!allowed.Contains(key))
                    throw Fail(where, $"unknown key '{key}'; allowed {string.Join(", ", allowed)}");
        }

        public string? String(JsonObject o, string key, string where) => o[key] switch
        {
            null => null,
            var v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => throw Fail(where, "must be a string"),
        };

        public bool? Bool(JsonObject o, string key, string where) => o[key] switch
        {
            null => null,
            var v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            _ => throw Fail(where, "must be true or false"),
        };

        public double? Number(JsonObject o, string key, string where) => o[key] switch
        {
            null => null,
            var v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>(),
            _ => throw Fail(where, "must be a number"),
        };

        public int? Int(JsonObject o, string key, string where, int min, int max)
        {
            if (Number(o, key, where) is not { } x) return null;
            if (x != Math.Floor(x) || x < min || x > max)
                throw Fail(where, $"{Num(x)} is out of range; allowed whole numbers {min} to {max}");
            return (int)x;
        }
    }
}
