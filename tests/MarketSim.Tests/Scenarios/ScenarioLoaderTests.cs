using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Scenarios;

public sealed class ScenarioLoaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void NullLoadsTheBaselineBuiltIn()
    {
        var scenario = ScenarioLoader.Load(null, []);
        Assert.Equal("baseline", scenario.Name);
        Assert.Equal("baseline", scenario.Base);
        Assert.NotEmpty(scenario.Clouds);
        Assert.NotEmpty(scenario.Labs);
        Assert.Equal(scenario, ScenarioLoader.Load("baseline", []));
    }

    [Fact]
    public void BacktestIsItsOwnBase()
    {
        var backtest = ScenarioLoader.Load("backtest", []);
        Assert.Equal("backtest", backtest.Base);
        Assert.NotEqual(ScenarioLoader.Load(null, []).Clock, backtest.Clock);
    }

    [Fact]
    public void ToJsonLoadsBackToAnEqualScenario()
    {
        var original = ScenarioLoader.Load(null, ["Demand:PriceElasticity=1.7", "Clouds:NewCo:PoweredMw=12.5", "Trends:HardwareOomPerYear=0.1234567890123"]);
        var json = ScenarioLoader.ToJson(original);
        var reloaded = ScenarioLoader.Load(_dir.File("copy.json", json), []);
        Assert.Equal(original with { Name = "copy" }, reloaded);
        Assert.Equal(json, ScenarioLoader.ToJson(reloaded));
    }

    [Fact]
    public void ToJsonIsNestedInDeclarationOrderWithSortedAgentsAndMonths()
    {
        var json = ScenarioLoader.ToJson(ScenarioLoader.Load(null, ["Clouds:AAA:PoweredMw=1", "Clouds:zzz:PoweredMw=1"]));
        Assert.DoesNotContain("\"Name\"", json);
        Assert.True(json.IndexOf("\"Base\"", StringComparison.Ordinal) < json.IndexOf("\"Clock\"", StringComparison.Ordinal));
        Assert.True(json.IndexOf("\"Clock\"", StringComparison.Ordinal) < json.IndexOf("\"Demand\"", StringComparison.Ordinal));
        Assert.True(json.IndexOf("\"AAA\"", StringComparison.Ordinal) < json.IndexOf("\"zzz\"", StringComparison.Ordinal));
        Assert.Matches("\"Start\": \"\\d{4}-\\d{2}\"", json);
        Assert.Contains("\n  \"Demand\": {\n    \"PriceElasticity\": ", json);
    }

    [Fact]
    public void UserFileLayersOnTheBaselineAndKeepsUnmentionedValues()
    {
        var baseline = ScenarioLoader.Load(null, []);
        var path = _dir.File("cheap.json", """
            // comments and trailing commas are allowed
            { "demand": { "priceELASTICITY": 2.5, }, "Finance": { "Leverage": 3 } }
            """);
        var scenario = ScenarioLoader.Load(path, []);
        Assert.Equal("cheap", scenario.Name);
        Assert.Equal(baseline with
        {
            Name = "cheap",
            Demand = baseline.Demand with { PriceElasticity = 2.5 },
            Finance = baseline.Finance with { Leverage = 3 },
        }, scenario);
    }

    [Fact]
    public void UserFileCanLayerOnTheBacktest()
    {
        var backtest = ScenarioLoader.Load("backtest", []);
        var scenario = ScenarioLoader.Load(_dir.File("bt.json", """{ "Base": "backtest", "Power": { "GridWaitMonths": 30 } }"""), []);
        Assert.Equal(backtest with { Name = "bt", Power = backtest.Power with { GridWaitMonths = 30 } }, scenario);
    }

    [Fact]
    public void AgentOverridesStartFromTheExistingEntryAndNewAgentsFromDefaults()
    {
        var baseline = ScenarioLoader.Load(null, []);
        var (cloudName, cloud) = baseline.Clouds.First();
        var path = _dir.File("agents.json", $$"""
            { "Clouds": { "{{cloudName.ToLowerInvariant()}}": { "Cash": 1.5 }, "Fresh": { "PoweredMw": 42 } } }
            """);
        var scenario = ScenarioLoader.Load(path, []);
        Assert.Equal(cloud with { Cash = 1.5 }, scenario.Clouds[cloudName]);
        Assert.Equal(new CloudOptions { PoweredMw = 42 }, scenario.Clouds["Fresh"]);
        Assert.Equal(baseline.Clouds.Count + 1, scenario.Clouds.Count);
        Assert.Equal(scenario.Clouds.Keys.Order(StringComparer.Ordinal), scenario.Clouds.Keys);
    }

    [Fact]
    public void SetOverridesComeLastAndAreCaseInsensitive()
    {
        var path = _dir.File("user.json", """{ "Demand": { "Buyers": 5000, "AdoptionSpeed": 2 } }""");
        var scenario = ScenarioLoader.Load(path, ["demand:buyers=7000", "Shocks:PriceWar:Enabled=true", "Shocks:PriceWar:Date=2027-06"]);
        Assert.Equal(7000, scenario.Demand.Buyers);
        Assert.Equal(2, scenario.Demand.AdoptionSpeed);
        Assert.True(scenario.Shocks.PriceWar.Enabled);
        Assert.Equal(new YearMonth(2027, 6), scenario.Shocks.PriceWar.Date);
    }

    [Fact]
    public void WithOverridesEqualsLoadWithSet()
    {
        string[] sets =
        [
            "Demand:PriceElasticity=0.3", "Demand:Buyers=20000", "Finance:Leverage=2.25", "Deals:Scale=0.5",
            "Clock:End=2031-12", "Shocks:LabDefault:Enabled=true", "Clouds:Extra:BuildAmbition=2",
        ];
        var baseline = ScenarioLoader.Load(null, []);
        var pairs = sets.Select(s => s.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], p[1]));
        var derived = ScenarioLoader.WithOverrides(baseline, pairs);
        Assert.Equal(ScenarioLoader.Load(null, sets), derived);
        Assert.Equal(0.9, new DemandOptions().PriceElasticity);
        Assert.Equal(ScenarioLoader.Load(null, []), baseline);
    }

    [Fact]
    public void WithOverridesCopiesOnlyThePathItChanges()
    {
        var baseline = ScenarioLoader.Load(null, []);
        var derived = ScenarioLoader.WithOverrides(baseline, [KeyValuePair.Create("Demand:Buyers", "3000")]);
        Assert.Same(baseline.Finance, derived.Finance);
        Assert.Same(baseline.Clouds, derived.Clouds);
        Assert.NotSame(baseline.Demand, derived.Demand);
        Assert.Equal(3000, derived.Demand.Buyers);
    }

    [Fact]
    public void ParameterKeysListEveryScalarWithItsRange()
    {
        var keys = ScenarioLoader.ParameterKeys();
        var elasticity = Assert.Single(keys, k => k.Key == "Demand:PriceElasticity");
        Assert.Equal("double", elasticity.Type);
        Assert.Equal(0.05, elasticity.Parameter!.Min);
        Assert.Equal(4, elasticity.Parameter.Max);
        Assert.Contains(keys, k => k.Key == "Clouds:<name>:PoweredMw" && k.Parameter is { Max: 1e6 });
        Assert.Contains(keys, k => k.Key == "Shocks:LabDefault:Date" && k.Type == "month");
        Assert.Equal(["baseline", "backtest"], Assert.Single(keys, k => k.Key == "Base").Allowed);
        Assert.DoesNotContain(keys, k => k.Key == "Name");
        Assert.Equal(keys.Count, keys.Select(k => k.Key).Distinct().Count());
    }

    [Fact]
    public void EveryKeyHasAUnitAndASourceAndEveryNumberARange()
    {
        var keys = ScenarioLoader.ParameterKeys();
        Assert.True(keys.Count >= 90, $"{keys.Count} keys");
        Assert.All(keys, k =>
        {
            Assert.True(k.Parameter is { Unit.Length: > 0, Source.Length: > 0 }, $"{k.Key} has no unit or no source");
            Assert.True(k.Parameter!.HasRange == (k.Type is "double" or "int"), $"{k.Key}: only numbers have a range");
        });
    }
}
