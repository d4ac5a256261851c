using MarketSim.Data.Sweeps;
using MarketSim.Experiments.Design;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments.Output;

/// <summary>A spec and its design as the sweep manifest records them.</summary>
public static class SweepManifests
{
    public static SweepManifest Of(SweepSpec spec, SweepDesign design, (int Index, int Count)? shard = null, string? scenarioSha256 = null)
    {
        var d = spec.Design;
        return new SweepManifest
        {
            Name = spec.Name,
            Seed = spec.Seed,
            Replications = spec.Replications,
            Scenario = spec.Scenario,
            ScenarioSha256 = scenarioSha256,
            Design = new SweepDesignInfo(d.Sampler.ToString().ToLowerInvariant(), d.Samples, d.SecondOrder, design.Rows.Count,
                design.RunCount, d.Sampler == SamplerKind.Morris ? d.Levels ?? 4 : null, d.Trajectories,
                d.Sampler is SamplerKind.Sobol or SamplerKind.Saltelli ? d.Scramble : null),
            Parameters = [.. spec.Parameters.Select(p => Parameter(p, GivenValues(spec, p.Key)))],
            Timeseries = spec.Outputs.Timeseries.ToString().ToLowerInvariant(),
            TimeseriesMetrics = spec.Outputs.Metrics,
            Spec = spec.Given.DeepClone(),
            Shard = shard,
        };
    }

    // Looked up by key: a posterior sampler's keys come from its posterior.csv, not from the spec's list.
    private static System.Text.Json.Nodes.JsonNode? GivenValues(SweepSpec spec, string key) =>
        (spec.Given["parameters"] as System.Text.Json.Nodes.JsonArray)?
            .FirstOrDefault(g => g?["key"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && g["key"]!.GetValue<string>() == key)?["values"];

    // Categorical values keep their JSON types (true, 2, "x") as the spec gave them.
    private static SweepParameter Parameter(ParameterSpec p, System.Text.Json.Nodes.JsonNode? givenValues) =>
        p.Values is not null
            ? new SweepParameter(p.Key, double.NaN, double.NaN, false, p.Values)
            {
                GivenValues = givenValues?.DeepClone() as System.Text.Json.Nodes.JsonArray,
                Group = p.Group,
            }
            : new SweepParameter(p.Key, p.Min, p.Max, p.Scale == ParameterScale.Log, null)
            {
                Steps = p.Steps,
                Group = p.Group,
                Distribution = p.Distribution,
            };
}
