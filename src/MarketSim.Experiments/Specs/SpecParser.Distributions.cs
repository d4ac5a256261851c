using System.Text.Json.Nodes;
using MarketSim.Data.Sweeps;

namespace MarketSim.Experiments.Specs;

/// <summary>The "distribution" and "group" fields of a spec parameter.</summary>
public static partial class SpecParser
{
    private static readonly string[] DistributionKeys = ["distribution", "mean", "sd", "mu", "sigma", "mode"];

    /// <summary>
    /// A non-uniform distribution with its arguments, or null for a plain range: no "distribution", or "uniform"
    /// (scale linear) or "loguniform" (scale log), which keep their min/max form.
    /// </summary>
    private static ParameterDistribution? ParseDistribution(Ctx ctx, JsonObject o, string where)
    {
        var name = ctx.String(o, "distribution", where + ".distribution");
        if (name is null or "uniform" or "loguniform")
        {
            var stray = DistributionKeys.Skip(1).FirstOrDefault(o.ContainsKey);
            if (stray is not null)
                throw ctx.Fail(where + "." + stray, $"applies only to a distribution ({string.Join(", ", ParameterDistribution.Arguments.Keys)})");
            if (name is not null && o.ContainsKey("scale"))
                throw ctx.Fail(where, "give either distribution or scale, not both (loguniform is scale log)");
            return null;
        }
        if (o.ContainsKey("scale")) throw ctx.Fail(where + ".scale", $"does not apply to the {name} distribution");
        var arguments = new Dictionary<string, double>();
        foreach (var argument in (string[])["mean", "sd", "mu", "sigma", "mode", "min", "max"])
            if (ctx.Number(o, argument, $"{where}.{argument}") is { } value)
                arguments[argument] = value;
        try
        {
            return ParameterDistribution.Create(name, arguments);
        }
        catch (ArgumentException e)
        {
            throw ctx.Fail(where, e.Message);
        }
    }

    private static string? ParseGroup(Ctx ctx, JsonObject o, string where, SamplerKind sampler)
    {
        var group = ctx.String(o, "group", where + ".group");
        if (group is null) return null;
        if (group.Length == 0 || group.Contains(',')) throw ctx.Fail(where + ".group", $"'{group}' must be a non-empty name without commas");
        if (sampler != SamplerKind.Saltelli)
            throw ctx.Fail(where + ".group", "applies only to the saltelli sampler (Sobol indices per group)");
        return group;
    }
}
