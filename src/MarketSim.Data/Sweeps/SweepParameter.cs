using System.Globalization;
using System.Text.Json.Nodes;

namespace MarketSim.Data.Sweeps;

/// <summary>
/// A swept parameter: continuous (Min..Max, linear or log, optional grid Steps, or a non-uniform Distribution whose
/// sampled range is Min..Max) or categorical (Values, as design.csv spells them). Categoricals are coded by value
/// index, except booleans, which are coded false = 0 and true = 1.
/// </summary>
public sealed record SweepParameter(string Key, double Min, double Max, bool Log, IReadOnlyList<string>? Values)
{
    /// <summary>Grid steps of a continuous parameter (grid sampler only).</summary>
    public int? Steps { get; init; }

    /// <summary>Categorical values as the spec gave them (true, 2, "x"), so the manifest keeps their JSON types.</summary>
    public JsonArray? GivenValues { get; init; }

    /// <summary>The Saltelli group the parameter belongs to (null: a group of its own).</summary>
    public string? Group { get; init; }

    /// <summary>A non-uniform distribution the design sampled through its inverse CDF (null: uniform or log-uniform).</summary>
    public ParameterDistribution? Distribution { get; init; }

    public bool IsCategorical => Values is not null;

    /// <summary>How a table shows the parameter's space: "min to max (scale)" or its values.</summary>
    public string Range => IsCategorical
        ? string.Join(", ", Values!)
        : Distribution is { } d
        ? $"{d.Name} ({string.Join(", ", d.Values.Select(a => $"{a.Key} {a.Value.ToString("G6", CultureInfo.InvariantCulture)}"))})"
        : $"{Min.ToString("G6", CultureInfo.InvariantCulture)} to {Max.ToString("G6", CultureInfo.InvariantCulture)} ({(Log ? "log" : "linear")})";

    public bool IsBoolean => Values is { Count: > 0 } values && values.All(v => v is "true" or "false");

    /// <summary>The number PRIM and the verdict groups use for a categorical value.</summary>
    public double Code(int valueIndex) => IsBoolean ? (Values![valueIndex] == "true" ? 1 : 0) : valueIndex;

    /// <summary>Position in [0, 1] as the Morris sampler places it (common contract).</summary>
    public double Unit(double value, int valueIndex)
    {
        if (IsCategorical) return Values!.Count > 1 ? (double)valueIndex / (Values.Count - 1) : 0;
        if (Distribution is { } distribution) return distribution.Cdf(value); // probability, as the sampler drew it
        return Log ? (Math.Log(value) - Math.Log(Min)) / (Math.Log(Max) - Math.Log(Min)) : (value - Min) / (Max - Min);
    }

    internal JsonObject ToJson()
    {
        var o = Values is not null
            ? new JsonObject { ["key"] = Key, ["values"] = GivenValues?.DeepClone() ?? new JsonArray([.. Values.Select(Given)]) }
            : new JsonObject { ["key"] = Key, ["min"] = Min, ["max"] = Max, ["scale"] = Log ? "log" : "linear" };
        if (Steps is { } steps) o["steps"] = steps;
        if (Distribution is { } distribution)
            o["distribution"] = new JsonObject([new("name", distribution.Name),
                .. distribution.Values.Select(a => new KeyValuePair<string, JsonNode?>(a.Key, a.Value))]);
        if (Group is { } group) o["group"] = group;
        return o;
    }

    /// <summary>A design.csv spelling back as JSON: true/false, a number, else a string.</summary>
    private static JsonNode Given(string spelling) =>
        spelling is "true" or "false" ? JsonValue.Create(spelling == "true")
        : double.TryParse(spelling, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? JsonValue.Create(x)
        : JsonValue.Create(spelling);
}
