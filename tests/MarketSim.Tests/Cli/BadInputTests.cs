using MarketSim.Tests.Scenarios;

namespace MarketSim.Tests.Cli;

/// <summary>Every kind of bad input: exit 2, one line on stderr naming the key or file, and nothing written.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private void AssertRejected(string expectedStart, params string[] args)
    {
        var outDir = _dir.Combine("out");
        var outcome = CliOutcome.Run(["run", "--out", outDir, .. args]);
        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.StderrLines);
        Assert.StartsWith("error: " + expectedStart, line);
        Assert.Equal("", outcome.Stdout);
        Assert.False(Directory.Exists(outDir));
        Assert.Empty(Directory.GetDirectories(_dir.Path));
    }

    [Fact]
    public void UnknownKey() => AssertRejected(
        "Demand:Elasticity: unknown key; known keys of Demand: PriceElasticity, ", "--set", "Demand:Elasticity=1");

    [Fact]
    public void WrongType() => AssertRejected(
        "Demand:Buyers: 'abc' is not a whole number; allowed 1000 to 200000", "--set", "Demand:Buyers=abc");

    [Fact]
    public void OutOfRange() => AssertRejected(
        "Demand:PriceElasticity: 9 is out of range; allowed 0.05 to 4", "--set", "Demand:PriceElasticity=9");

    [Fact]
    public void NotANumber() => AssertRejected(
        "Finance:Leverage: NaN is not a finite number; allowed 0 to 10", "--set", "Finance:Leverage=NaN");

    [Fact]
    public void MissingFile()
    {
        var path = _dir.Combine("x.json");
        AssertRejected($"scenario file '{path}' not found", "--scenario", path);
    }

    [Fact]
    public void MalformedJson()
    {
        var path = _dir.File("broken.json", "{ \"Demand\": { \"Buyers\": 5000, } ");
        AssertRejected($"scenario file '{path}' is not valid JSON: ", "--scenario", path);
    }

    [Fact]
    public void NegativeSeed() => AssertRejected("--seed: -1 is out of range; allowed 0 to 2147483647", "--seed", "-1");

    [Fact]
    public void SeedThatIsNotANumber() => AssertRejected("--seed: 'one' is not a whole number; allowed 0 to 2147483647", "--seed", "one");

    [Theory]
    [InlineData("99999999999")] // beyond any int: once reported as a parser type error
    [InlineData("-007")]        // reported as typed, not as the number it parses to
    public void SeedOutOfRangeIsReportedAsTyped(string typed) =>
        AssertRejected($"--seed: {typed} is out of range; allowed 0 to 2147483647", "--seed", typed);

    [Fact]
    public void UnknownPolicyName() => AssertRejected(
        "Policies:Pricing: 'Haggle' is not a registered IPricingPolicy; allowed: ", "--set", "Policies:Pricing=Haggle");

    [Fact]
    public void UnknownPolicyNameOfOneAgent() => AssertRejected(
        "Labs:xAI:Policies:Pricing: 'Haggle' is not a registered IPricingPolicy; allowed: CostPlusPricing, PriceWarPricing, or empty",
        "--set", "Labs:xAI:Policies:Pricing=Haggle");

    [Fact]
    public void BadDate() => AssertRejected(
        "Shocks:RateRise:Date: '2026-1' is not a month; expected yyyy-MM", "--set", "Shocks:RateRise:Date=2026-1");

    [Fact]
    public void UnknownLabInLabDefault() => AssertRejected(
        "Shocks:LabDefault:Lab: 'Nobody' is not a lab in the scenario; labs: ", "--set", "Shocks:LabDefault:Lab=Nobody");

    [Fact]
    public void BadKeyInAFile()
    {
        var path = _dir.File("typo.json", """{ "Finance": { "Leverag": 2 } }""");
        AssertRejected("Finance:Leverag: unknown key; known keys of Finance: RiskFreeRate, ", "--scenario", path);
    }

    [Fact]
    public void UnknownOption() => AssertRejected("Unrecognized command or argument '--sed'", "--sed", "2");
}
