using System.Globalization;
using System.Text.Json;

namespace MarketSim.Analysis.Sweeps;

/// <summary>
/// A swept parameter: continuous (Min..Max, linear or log) or categorical (Values, as their design.csv spelling).
/// Categoricals are coded by value index, except booleans, which are coded false = 0 and true = 1 in any order.
/// </summary>
public sealed record SweepParameter(string Key, double Min, double Max, bool Log, IReadOnlyList<string>? Values)
{
    public bool IsCategorical => Values is not null;

    /// <summary>How a table shows the parameter's space: "min to max (scale)" or its values.</summary>
    public string Range => IsCategorical
        ? string.Join(", ", Values!)
        : $"{Min.ToString("G6", CultureInfo.InvariantCulture)} to {Max.ToString("G6", CultureInfo.InvariantCulture)} ({(Log ? "log" : "linear")})";

    public bool IsBoolean => Values is { Count: > 0 } values && values.All(v => v is "true" or "false");

    /// <summary>The number PRIM and the verdict groups use for a categorical value.</summary>
    public double Code(int valueIndex) => IsBoolean ? (Values![valueIndex] == "true" ? 1 : 0) : valueIndex;

    /// <summary>Position in [0, 1] as the Morris sampler places it (common contract).</summary>
    public double Unit(double value, int valueIndex)
    {
        if (IsCategorical) return Values!.Count > 1 ? (double)valueIndex / (Values.Count - 1) : 0;
        return Log ? (Math.Log(value) - Math.Log(Min)) / (Math.Log(Max) - Math.Log(Min)) : (value - Min) / (Max - Min);
    }
}

/// <summary>
/// What analysis and the sweep figures need from a sweep's manifest.json: the sampler, the parameter space, and the
/// sweep's name and seed for labels (absent from manifests written by hand: "sweep" and no seed).
/// </summary>
public sealed record SweepManifest(string Sampler, bool SecondOrder, IReadOnlyList<SweepParameter> Parameters, string Name = "sweep", int? Seed = null)
{
    public const string FileName = "manifest.json";

    public static SweepManifest Load(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new AnalysisInputException($"{FileName}: not valid JSON ({e.Message.Split('.')[0]})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Bad("the top level must be an object");
            if (!root.TryGetProperty("design", out var design) || design.ValueKind != JsonValueKind.Object)
                throw Bad("design: missing; expected an object with a \"sampler\"");
            if (!design.TryGetProperty("sampler", out var sampler) || sampler.ValueKind != JsonValueKind.String)
                throw Bad("design:sampler: missing; expected a string such as \"saltelli\" or \"morris\"");
            var secondOrder = design.TryGetProperty("secondOrder", out var so) && so.ValueKind == JsonValueKind.True;
            if (!root.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Array
                || parameters.GetArrayLength() == 0)
                throw Bad("parameters: missing; expected a non-empty array");
            var list = parameters.EnumerateArray().Select((p, i) => Parameter(p, i)).ToList();
            var duplicate = list.GroupBy(p => p.Key).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw Bad($"parameters: key {duplicate.Key} appears more than once");
            var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "sweep";
            int? seed = root.TryGetProperty("seed", out var s) && s.TryGetInt32(out var seedValue) ? seedValue : null;
            return new SweepManifest(sampler.GetString()!.ToLowerInvariant(), secondOrder, list, name, seed);
        }
    }

    private static SweepParameter Parameter(JsonElement p, int index)
    {
        if (p.ValueKind != JsonValueKind.Object || !p.TryGetProperty("key", out var keyElement)
            || keyElement.ValueKind != JsonValueKind.String)
            throw Bad($"parameters[{index}]: expected an object with a string \"key\"");
        var key = keyElement.GetString()!;
        if (p.TryGetProperty("values", out var values))
        {
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
                throw Bad($"parameters[{index}] ({key}): values must be a non-empty array");
            return new SweepParameter(key, double.NaN, double.NaN, false,
                values.EnumerateArray().Select(v => Spelling(v, key)).ToList());
        }
        var min = Number(p, "min", key);
        var max = Number(p, "max", key);
        var scale = p.TryGetProperty("scale", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : "linear";
        if (scale is not ("linear" or "log")) throw Bad($"{key}: scale {scale} is not allowed; allowed linear or log");
        if (!(min < max)) throw Bad($"{key}: min {min} must be below max {max}");
        if (scale == "log" && !(min > 0)) throw Bad($"{key}: a log scale needs min > 0, got {min}");
        return new SweepParameter(key, min, max, scale == "log", null);
    }

    private static double Number(JsonElement p, string name, string key) =>
        p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && double.IsFinite(v.GetDouble())
            ? v.GetDouble()
            : throw Bad($"{key}: {name} missing; expected a finite number");

    /// <summary>The value as design.csv spells it: booleans true/false, numbers in "R" format, strings as is.</summary>
    internal static string Spelling(JsonElement v, string key) => v.ValueKind switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => v.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.String => v.GetString()!,
        _ => throw Bad($"{key}: values must be booleans, numbers or strings"),
    };

    private static AnalysisInputException Bad(string detail) => new($"{FileName}: {detail}");
}
