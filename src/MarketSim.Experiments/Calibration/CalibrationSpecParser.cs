using System.Text.Json;
using System.Text.Json.Nodes;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments.Calibration;

/// <summary>
/// Reads a calibration spec strictly: unknown keys, wrong types and impossible priors are one-line SpecExceptions.
/// What needs the model or the data (key ranges, series present, periods inside the run) is checked by
/// <see cref="CalibrationProblem.Build"/>.
/// </summary>
public static class CalibrationSpecParser
{
    private static readonly string[] TopKeys = ["name", "scenario", "seed", "data", "fixed", "method", "parameters", "targets"];
    private static readonly string[] MethodKeys = ["name", "particles", "generations", "quantile", "minAcceptance", "minTolerance"];
    private static readonly string[] ParameterKeys = ["key", "prior", "min", "max", "mean", "sd"];
    private static readonly string[] TargetKeys = ["series", "entity", "agent", "metric", "periods", "from", "to", "transform", "weight", "scale", "holdout"];

    public static CalibrationSpec Load(string path) => Parse(SpecParser.ReadSpecFile(path), path);

    public static CalibrationSpec Parse(string json, string sourceFile)
    {
        var (ctx, top, root) = SpecParser.ParseTop(json, sourceFile, TopKeys);
        var name = SpecParser.Name(ctx, top);
        var specDir = Path.GetDirectoryName(Path.GetFullPath(sourceFile)) ?? ".";
        var scenario = ctx.String(top, "scenario", "scenario") ?? throw ctx.Fail("scenario", "is required (a built-in name or a file relative to the spec)");
        var scenarioPath = scenario is "baseline" or "backtest" ? null : Path.GetFullPath(Path.Combine(specDir, scenario));
        var seed = ctx.Int(top, "seed", "seed", 0, int.MaxValue) ?? 1;
        var data = ctx.String(top, "data", "data") ?? throw ctx.Fail("data", "is required (the observed series, a CSV file relative to the spec)");
        var dataPath = Path.GetFullPath(Path.Combine(specDir, data));

        var method = ParseMethod(ctx, top["method"]);
        var parameters = ParseParameters(ctx, top["parameters"]);
        var targets = ParseTargets(ctx, top["targets"]);
        return new CalibrationSpec(name, scenario, scenarioPath, seed, dataPath, ParseFixed(ctx, top["fixed"], parameters),
            method, parameters, targets, sourceFile, root.DeepClone());
    }

    private static AbcSmcSettings ParseMethod(SpecParser.Ctx ctx, JsonNode? node)
    {
        var o = node is null ? new JsonObject() : ctx.Object(node, "method");
        ctx.OnlyKeys(o, "method", MethodKeys);
        var name = ctx.String(o, "name", "method.name") ?? "abc-smc";
        if (name != "abc-smc") throw ctx.Fail("method.name", $"unknown method '{name}'; allowed abc-smc");
        return new AbcSmcSettings(
            ctx.Int(o, "particles", "method.particles", 4, 1_000_000) ?? 100,
            ctx.Int(o, "generations", "method.generations", 1, 1000) ?? 10,
            Fraction(ctx, o, "quantile", 0.5, open: true),
            Fraction(ctx, o, "minAcceptance", 0.01, open: false),
            NonNegative(ctx, o, "minTolerance", 0));
    }

    private static double Fraction(SpecParser.Ctx ctx, JsonObject o, string key, double fallback, bool open)
    {
        if (ctx.Number(o, key, "method." + key) is not { } x) return fallback;
        if (!(x > 0 && (open ? x < 1 : x <= 1)))
            throw ctx.Fail("method." + key, $"{SpecParser.Num(x)} is out of range; allowed above 0 and below{(open ? "" : " or at")} 1");
        return x;
    }

    private static double NonNegative(SpecParser.Ctx ctx, JsonObject o, string key, double fallback)
    {
        if (ctx.Number(o, key, "method." + key) is not { } x) return fallback;
        if (!(x >= 0)) throw ctx.Fail("method." + key, $"{SpecParser.Num(x)} is out of range; allowed 0 or more");
        return x;
    }

    private static List<KeyValuePair<string, string>> ParseFixed(SpecParser.Ctx ctx, JsonNode? node, List<CalibratedParameter> parameters)
    {
        if (node is null) return [];
        var o = ctx.Object(node, "fixed");
        var list = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in o)
        {
            var text = value?.GetValueKind() switch
            {
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => SpecParser.Num(value!.GetValue<double>()),
                JsonValueKind.String => value!.GetValue<string>(),
                _ => throw ctx.Fail($"fixed.{key}", "must be a number, boolean or string"),
            };
            if (parameters.Any(p => p.Key == key)) throw ctx.Fail($"fixed.{key}", "is also a calibrated parameter; give it one role");
            list.Add(new(key, text));
        }
        return list;
    }

    private static List<CalibratedParameter> ParseParameters(SpecParser.Ctx ctx, JsonNode? node)
    {
        if (node is not JsonArray array || array.Count == 0)
            throw ctx.Fail("parameters", "is required: a non-empty list of {key, prior, ...}");
        var result = new List<CalibratedParameter>();
        for (var i = 0; i < array.Count; i++)
        {
            var where = $"parameters[{i}]";
            var o = ctx.Object(array[i], where);
            ctx.OnlyKeys(o, where, ParameterKeys);
            var key = SpecParser.Key(ctx, o, "parameters", i, result.Select(p => p.Key));
            where = $"parameters[{i}] ({key})";
            result.Add(new CalibratedParameter(key, ParsePrior(ctx, o, where)));
        }
        return result;
    }

    private static Prior ParsePrior(SpecParser.Ctx ctx, JsonObject o, string where)
    {
        var kind = ctx.String(o, "prior", where + ".prior") ?? throw ctx.Fail(where + ".prior", "is required: uniform, log-uniform, normal or truncated-normal");
        double Need(string key) => ctx.Number(o, key, $"{where}.{key}") is { } x && double.IsFinite(x) ? x
            : throw ctx.Fail(where, $"a {kind} prior needs a finite {key}");
        void Only(params string[] keys)
        {
            foreach (var k in new[] { "min", "max", "mean", "sd" }.Except(keys))
                if (o.ContainsKey(k)) throw ctx.Fail(where, $"a {kind} prior takes {string.Join(", ", keys)}, not {k}");
        }
        void Ordered(double min, double max)
        {
            if (!(min < max)) throw ctx.Fail(where, $"min {SpecParser.Num(min)} is not below max {SpecParser.Num(max)}");
        }
        switch (kind)
        {
            case "uniform" or "log-uniform":
            {
                Only("min", "max");
                var (min, max) = (Need("min"), Need("max"));
                Ordered(min, max);
                if (kind == "uniform") return Prior.Uniform(min, max);
                if (min <= 0) throw ctx.Fail(where, $"a log-uniform prior needs min above 0, got {SpecParser.Num(min)}");
                return Prior.LogUniform(min, max);
            }
            case "normal":
            {
                Only("mean", "sd");
                var (mean, sd) = (Need("mean"), Need("sd"));
                if (!(sd > 0)) throw ctx.Fail(where, $"sd {SpecParser.Num(sd)} must be above 0");
                return Prior.Normal(mean, sd);
            }
            case "truncated-normal":
            {
                Only("mean", "sd", "min", "max");
                var (mean, sd, min, max) = (Need("mean"), Need("sd"), Need("min"), Need("max"));
                if (!(sd > 0)) throw ctx.Fail(where, $"sd {SpecParser.Num(sd)} must be above 0");
                Ordered(min, max);
                return Prior.TruncatedNormal(mean, sd, min, max);
            }
            default:
                throw ctx.Fail(where + ".prior", $"unknown prior '{kind}'; allowed uniform, log-uniform, normal, truncated-normal");
        }
    }

    private static List<TargetSpec> ParseTargets(SpecParser.Ctx ctx, JsonNode? node)
    {
        if (node is not JsonArray array || array.Count == 0)
            throw ctx.Fail("targets", "is required: a non-empty list of {series, entity, agent, metric, ...}");
        var result = new List<TargetSpec>();
        for (var i = 0; i < array.Count; i++)
        {
            var where = $"targets[{i}]";
            var o = ctx.Object(array[i], where);
            ctx.OnlyKeys(o, where, TargetKeys);
            string Need(string key) => ctx.String(o, key, $"{where}.{key}") is { Length: > 0 } s ? s : throw ctx.Fail($"{where}.{key}", "is required");
            var series = Need("series");
            var entity = Need("entity");
            where = $"targets[{i}] ({series}/{entity})";
            var periods = ParsePeriods(ctx, o["periods"], where);
            var from = Month(ctx, o, "from", where);
            var to = Month(ctx, o, "to", where);
            if (periods is not null && (from is not null || to is not null)) throw ctx.Fail(where, "give either periods or from/to, not both");
            if (from is not null && to is not null && string.CompareOrdinal(from, to) > 0) throw ctx.Fail(where, $"from {from} is after to {to}");
            var transformText = ctx.String(o, "transform", where + ".transform") ?? "log";
            var transform = transformText switch
            {
                "log" => TargetTransform.Log, "relative" => TargetTransform.Relative,
                _ => throw ctx.Fail(where + ".transform", $"unknown transform '{transformText}'; allowed log, relative"),
            };
            var weight = ctx.Number(o, "weight", where + ".weight") ?? 1;
            if (!(weight > 0 && double.IsFinite(weight))) throw ctx.Fail(where + ".weight", $"{SpecParser.Num(weight)} is out of range; allowed above 0");
            var scale = ctx.Number(o, "scale", where + ".scale") ?? 1;
            if (!(scale > 0 && double.IsFinite(scale))) throw ctx.Fail(where + ".scale", $"{SpecParser.Num(scale)} is out of range; allowed above 0");
            var holdout = ctx.Bool(o, "holdout", where + ".holdout") ?? false;
            var target = new TargetSpec(series, entity, Need("agent"), Need("metric"), periods, from, to, transform, weight, scale, holdout);
            if (result.Any(t => t.Name == target.Name && t.Holdout == holdout))
                throw ctx.Fail(where, $"is listed twice{(holdout ? " as a holdout" : "")}; give all its periods in one target");
            result.Add(target);
        }
        return result;
    }

    private static List<string>? ParsePeriods(SpecParser.Ctx ctx, JsonNode? node, string where)
    {
        if (node is null) return null;
        if (node is not JsonArray a || a.Count == 0) throw ctx.Fail(where + ".periods", "must be a non-empty list of period labels");
        var list = new List<string>();
        foreach (var item in a)
        {
            var label = item?.GetValueKind() == JsonValueKind.String ? item.GetValue<string>() : throw ctx.Fail(where + ".periods", "must hold period labels");
            if (list.Contains(label)) throw ctx.Fail(where + ".periods", $"lists '{label}' twice");
            list.Add(label);
        }
        return list;
    }

    private static string? Month(SpecParser.Ctx ctx, JsonObject o, string key, string where)
    {
        var text = ctx.String(o, key, $"{where}.{key}");
        if (text is null) return null;
        if (!ObservedData.IsMonth(text)) throw ctx.Fail($"{where}.{key}", $"'{text}' is not a month; expected yyyy-MM");
        return text;
    }
}
