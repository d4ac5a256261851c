using MarketSim.Experiments.Design;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments.Tests.Calibration;

public class PosteriorSamplerTests
{
    private static string Spec(string parameters) => $$"""
        { "name": "p", "scenario": "baseline", "seed": 4,
          "design": { "sampler": "posterior", "samples": 2000, "posterior": "posterior.csv" },
          "parameters": [ {{parameters}} ] }
        """;

    private static SweepSpec Write(TempDir tmp, string parameters)
    {
        File.WriteAllText(tmp["posterior.csv"],
            "particle,Demand:PriceElasticity,Trends:AlgorithmicHalvingMonths,weight\n0,0.7,8,0.9\n1,1.9,12.5,0.1\n");
        File.WriteAllText(tmp["spec.json"], Spec(parameters));
        return SpecParser.Load(tmp["spec.json"]);
    }

    [Fact]
    public void Draws_particles_by_weight_whole_and_the_other_parameters_beside_them()
    {
        using var tmp = new TempDir();
        var design = SweepDesign.Build(Write(tmp, "{ \"key\": \"Shocks:EfficiencyBreakthrough:Enabled\", \"values\": [false, true] }"));
        Assert.Equal(["Demand:PriceElasticity", "Trends:AlgorithmicHalvingMonths", "Shocks:EfficiencyBreakthrough:Enabled"], design.Parameters.Select(p => p.Key));
        Assert.All(design.Rows, r => Assert.Contains($"{r[0]},{r[1]}", new[] { "0.7,8", "1.9,12.5" }));
        Assert.InRange(design.Rows.Count(r => r[0] == "0.7") / 2000.0, 0.87, 0.93);
        Assert.InRange(design.Rows.Count(r => r[2] == "true") / 2000.0, 0.45, 0.55);
        Assert.Equal(design.Rows, SweepDesign.Build(SpecParser.Load(tmp["spec.json"])).Rows);
    }

    [Fact]
    public void Refuses_a_key_given_both_by_the_posterior_and_a_range()
    {
        using var tmp = new TempDir();
        var e = Assert.Throws<SpecException>(() => Write(tmp, "{ \"key\": \"Demand:PriceElasticity\", \"min\": 0.5, \"max\": 2 }"));
        Assert.Contains("parameters (Demand:PriceElasticity): is also a key of the posterior posterior.csv", e.Message);
    }

    [Fact]
    public void Takes_only_the_posterior_keys_the_design_names_and_draws_the_rest_of_the_spec_as_before()
    {
        using var tmp = new TempDir();
        Write(tmp, "{ \"key\": \"Shocks:EfficiencyBreakthrough:Enabled\", \"values\": [false, true] }");
        File.WriteAllText(tmp["spec.json"], File.ReadAllText(tmp["spec.json"])
            .Replace("\"posterior\": \"posterior.csv\"", "\"posterior\": \"posterior.csv\", \"posteriorKeys\": [\"Trends:AlgorithmicHalvingMonths\"]"));
        var design = SweepDesign.Build(SpecParser.Load(tmp["spec.json"]));
        Assert.Equal(["Trends:AlgorithmicHalvingMonths", "Shocks:EfficiencyBreakthrough:Enabled"], design.Parameters.Select(p => p.Key));
        // The same particles as with every key: the halving months of the weight-0.9 particle in about 90% of rows.
        Assert.InRange(design.Rows.Count(r => r[0] == "8") / 2000.0, 0.87, 0.93);
        Assert.All(design.Rows, r => Assert.Contains(r[1], new[] { "false", "true" }));
    }

    [Theory]
    [InlineData("[\"Demand:Nope\"]", "design.posteriorKeys: 'Demand:Nope' is not a key of the posterior; allowed Demand:PriceElasticity, Trends:AlgorithmicHalvingMonths")]
    [InlineData("[]", "design.posteriorKeys: must be a non-empty list of the posterior's keys")]
    [InlineData("\"Demand:PriceElasticity\"", "design.posteriorKeys: must be a non-empty list of the posterior's keys")]
    [InlineData("[\"Demand:PriceElasticity\", \"Demand:PriceElasticity\"]", "design.posteriorKeys: names a key twice")]
    public void Refuses_posterior_keys_the_posterior_does_not_hold(string keys, string message)
    {
        using var tmp = new TempDir();
        Write(tmp, "{ \"key\": \"Shocks:EfficiencyBreakthrough:Enabled\", \"values\": [false, true] }");
        File.WriteAllText(tmp["spec.json"], File.ReadAllText(tmp["spec.json"])
            .Replace("\"posterior\": \"posterior.csv\"", "\"posterior\": \"posterior.csv\", \"posteriorKeys\": " + keys));
        var e = Assert.Throws<SpecException>(() => SpecParser.Load(tmp["spec.json"]));
        Assert.Contains(message, e.Message);
    }
}
