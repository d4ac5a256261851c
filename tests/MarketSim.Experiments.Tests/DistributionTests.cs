using System.Globalization;
using MarketSim.Analysis;
using MarketSim.Experiments.Design;
using MarketSim.Data.Sweeps;
using MarketSim.Experiments.Output;
using MathNet.Numerics.Distributions;

namespace MarketSim.Experiments.Tests;

public class DistributionTests
{
    private const string Key = "Demand:PriceElasticity";

    private static double[] Draw(string parameter, string design = "\"sampler\": \"sobol\", \"samples\": 4096")
    {
        var json = $$"""
            { "name": "d", "scenario": "baseline", "seed": 3, "design": { {{design}} },
              "parameters": [ { "key": "{{Key}}", {{parameter}} } ] }
            """;
        return SweepDesign.Build(Specs.Parse(json)).Rows.Select(r => double.Parse(r[0], CultureInfo.InvariantCulture)).ToArray();
    }

    private static (double Mean, double Sd) Moments(double[] x)
    {
        var mean = x.Average();
        return (mean, Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1)));
    }

    [Theory]
    [InlineData("sobol")]
    [InlineData("lhs")]
    [InlineData("random")]
    public void Normal_marginal_has_its_mean_and_standard_deviation(string sampler)
    {
        var x = Draw("\"distribution\": \"normal\", \"mean\": 2, \"sd\": 0.5", $"\"sampler\": \"{sampler}\", \"samples\": 4096");
        var (mean, sd) = Moments(x);
        // Monte Carlo standard errors at n = 4096: 0.5/64 = 0.0078 for the mean, about 0.0055 for the sd; 3.5 of each.
        Assert.InRange(mean, 2 - 0.027, 2 + 0.027);
        Assert.InRange(sd, 0.5 - 0.02, 0.5 + 0.02);
        // and the shape, not only two moments: a tenth of the draws below the 10% quantile
        Assert.InRange(x.Count(v => v < 2 + 0.5 * Normal.InvCDF(0, 1, 0.1)) / 4096.0, 0.085, 0.115);
    }

    [Fact]
    public void Truncated_normal_marginal_matches_the_closed_form_moments_and_stays_inside_its_bounds()
    {
        const double mu = 1, sigma = 1, a = 0, b = 2.5;
        var x = Draw($"\"distribution\": \"truncnormal\", \"mean\": {mu}, \"sd\": {sigma}, \"min\": {a}, \"max\": {b}");
        var (alpha, beta) = ((a - mu) / sigma, (b - mu) / sigma);
        double phi(double z) => Normal.PDF(0, 1, z);
        var z = Normal.CDF(0, 1, beta) - Normal.CDF(0, 1, alpha);
        var ratio = (phi(alpha) - phi(beta)) / z;
        var exactMean = mu + sigma * ratio;
        var exactSd = sigma * Math.Sqrt(1 + (alpha * phi(alpha) - beta * phi(beta)) / z - ratio * ratio);
        var (mean, sd) = Moments(x);
        Assert.All(x, v => Assert.InRange(v, a, b));
        Assert.InRange(mean, exactMean - 0.02, exactMean + 0.02);
        Assert.InRange(sd, exactSd - 0.015, exactSd + 0.015);
    }

    [Fact]
    public void A_truncated_normal_far_in_the_upper_tail_is_still_sampled_across_its_range()
    {
        // Phi(8) rounds to 1 in a double; the mirrored lower tail keeps the draws spread over [8, 9].
        var x = Draw("\"distribution\": \"truncnormal\", \"mean\": 0, \"sd\": 1, \"min\": 8, \"max\": 9");
        Assert.All(x, v => Assert.InRange(v, 8, 9));
        Assert.True(x.Distinct().Count() > 4000);
        Assert.InRange(x.Average(), 8.1, 8.13); // E = 8 + about 1/8.12 for an exponential-like tail
    }

    [Fact]
    public void Lognormal_and_triangular_marginals_have_their_means()
    {
        var logNormal = Draw("\"distribution\": \"lognormal\", \"mu\": 0.5, \"sigma\": 0.4");
        Assert.InRange(logNormal.Average(), Math.Exp(0.5 + 0.08) * 0.99, Math.Exp(0.5 + 0.08) * 1.01);
        var triangular = Draw("\"distribution\": \"triangular\", \"min\": 1, \"mode\": 1.5, \"max\": 4");
        Assert.InRange(triangular.Average(), 6.5 / 3 - 0.01, 6.5 / 3 + 0.01);
        Assert.All(triangular, v => Assert.InRange(v, 1, 4));
    }

    [Fact]
    public void Uniform_and_loguniform_distributions_are_the_linear_and_log_ranges()
    {
        Assert.Equal(Draw("\"min\": 1, \"max\": 4"), Draw("\"distribution\": \"uniform\", \"min\": 1, \"max\": 4"));
        Assert.Equal(Draw("\"min\": 1, \"max\": 4, \"scale\": \"log\""), Draw("\"distribution\": \"loguniform\", \"min\": 1, \"max\": 4"));
    }

    [Fact]
    public void Morris_levels_of_a_normal_parameter_sit_at_the_centres_of_equal_probability_bins()
    {
        var x = Draw("\"distribution\": \"normal\", \"mean\": 0, \"sd\": 1", "\"sampler\": \"morris\", \"trajectories\": 30");
        var expected = new[] { 0.125, 0.375, 0.625, 0.875 }.Select(p => Normal.InvCDF(0, 1, p)).ToArray();
        Assert.All(x, v => Assert.Contains(expected, e => Math.Abs(e - v) < 1e-12));
    }

    [Theory]
    [InlineData("\"distribution\": \"gamma\", \"min\": 1, \"max\": 2", "unknown distribution 'gamma'")]
    [InlineData("\"distribution\": \"normal\", \"mean\": 1", "the normal distribution needs mean, sd (finite numbers); sd is missing")]
    [InlineData("\"distribution\": \"normal\", \"mean\": 1, \"sd\": 0", "sd must be above 0, got 0")]
    [InlineData("\"distribution\": \"normal\", \"mean\": 1, \"sd\": 1, \"min\": 0", "min does not apply to the normal distribution; it takes mean, sd")]
    [InlineData("\"distribution\": \"loguniform\", \"min\": 1, \"max\": 2, \"scale\": \"log\"", "give either distribution or scale, not both")]
    [InlineData("\"min\": 1, \"max\": 2, \"sd\": 1", "parameters[0] (Demand:PriceElasticity).sd: applies only to a distribution")]
    [InlineData("\"distribution\": \"triangular\", \"min\": 1, \"mode\": 3, \"max\": 2", "needs min <= mode <= max")]
    [InlineData("\"min\": 1, \"max\": 2, \"group\": \"demand\"", "group: applies only to the saltelli sampler")]
    public void Bad_distributions_and_groups_are_one_line_errors(string parameter, string message)
    {
        var e = Assert.Throws<SpecException>(() => Draw(parameter, "\"sampler\": \"lhs\", \"samples\": 8"));
        Assert.Contains(message, e.Message);
        Assert.StartsWith("spec.json: parameters[0] (Demand:PriceElasticity)", e.Message);
    }

    [Fact]
    public void Scramble_applies_only_to_sobol_and_saltelli()
    {
        var e = Assert.Throws<SpecException>(() => Draw("\"min\": 1, \"max\": 2", "\"sampler\": \"lhs\", \"samples\": 8, \"scramble\": true"));
        Assert.Equal("spec.json: design.scramble: applies only to the sobol and saltelli samplers", e.Message);
    }

    private const string GroupSpec = """
        { "name": "g", "scenario": "baseline", "seed": 11, "design": { "sampler": "saltelli", "samples": 2048 },
          "parameters": [
            { "key": "A:X1", "min": -1, "max": 1, "group": "pair" },
            { "key": "A:X3", "min": -1, "max": 1 },
            { "key": "A:X2", "min": -1, "max": 1, "group": "pair" } ] }
        """;

    [Fact]
    public void Grouped_Saltelli_design_gives_the_known_group_indices()
    {
        // Y = X1 X2 + X3 on [-1, 1]^3: Var(X1 X2) = 1/9, Var(X3) = 1/3, so the group {X1, X2} has S = ST = 1/4 and
        // X3 has S = ST = 3/4, although X1 and X2 alone have no first-order effect at all.
        var spec = Specs.Parse(GroupSpec);
        var design = SweepDesign.Build(spec);
        Assert.Equal(["pair", "A:X3"], SweepDesign.Groups(spec.Parameters));
        Assert.Equal(2048 * 4, design.Rows.Count); // A, AB(pair), AB(X3), B
        var y = design.Rows.Select(r => r.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .Select(x => x[0] * x[2] + x[1]).ToArray();
        var result = SobolIndices.Analyze(y, dimensions: 2, secondOrder: false, bootstrap: 200, seed: 1);
        Assert.Equal(0.25, result.S1[0], 0.02);
        Assert.Equal(0.75, result.S1[1], 0.02);
        Assert.Equal(0.25, result.ST[0], 0.02);
        Assert.Equal(0.75, result.ST[1], 0.02);
        for (var g = 0; g < 2; g++)
            Assert.InRange(Math.Abs(result.S1[g] - (g == 0 ? 0.25 : 0.75)), 0, result.S1Conf[g] + 0.005);
    }

    [Fact]
    public void A_group_moves_its_columns_together_and_the_manifest_records_groups_distributions_and_scrambling()
    {
        var spec = Specs.Parse(GroupSpec.Replace("\"samples\": 2048", "\"samples\": 4").Replace(
            "{ \"key\": \"A:X3\", \"min\": -1, \"max\": 1 }", "{ \"key\": \"A:X3\", \"distribution\": \"normal\", \"mean\": 0, \"sd\": 1 }"));
        var design = SweepDesign.Build(spec);
        var (a, abPair, abX3, b) = (design.Rows[0], design.Rows[1], design.Rows[2], design.Rows[3]);
        Assert.Equal([b[0], a[1], b[2]], abPair);
        Assert.Equal([a[0], b[1], a[2]], abX3);
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(SweepManifests.Of(spec, design).ToJson())!;
        Assert.True(manifest["design"]!["scramble"]!.GetValue<bool>());
        Assert.Equal("pair", manifest["parameters"]![0]!["group"]!.GetValue<string>());
        var normal = manifest["parameters"]![1]!;
        Assert.Equal("{\"name\":\"normal\",\"mean\":0,\"sd\":1}", normal["distribution"]!.ToJsonString());
        Assert.InRange(normal["min"]!.GetValue<double>(), -6.3, -6.2); // the 2^-32 quantile

        using var dir = new TempDir();
        SweepManifests.Of(spec, design).Write(dir.Path);
        var read = SweepManifest.Read(dir[SweepFiles.Manifest]);
        Assert.True(read.Design.Scramble);
        Assert.Equal(["pair", "A:X3"], read.SobolFactors);
        Assert.Equal(0.5, read.Parameters[1].Unit(0, -1), 12); // the normal's median, as a probability
        Assert.Equal("normal", read.Parameters[1].Distribution!.Name);
    }
}
