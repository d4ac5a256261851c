using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Scenarios;

public sealed class ScenarioErrorTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string SetError(params string[] sets) =>
        Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(null, sets)).Message;

    [Theory]
    [InlineData("Demand:PriceElasticity=9", "Demand:PriceElasticity: 9 is out of range; allowed 0.05 to 4")]
    [InlineData("demand:buyers=abc", "Demand:Buyers: 'abc' is not a whole number; allowed 1000 to 200000")]
    [InlineData("Demand:Buyers=1500.5", "Demand:Buyers: '1500.5' is not a whole number; allowed 1000 to 200000")]
    [InlineData("Demand:PriceElasticity=NaN", "Demand:PriceElasticity: NaN is not a finite number; allowed 0.05 to 4")]
    [InlineData("Demand:PriceElasticity=-Infinity", "Demand:PriceElasticity: -Infinity is not a finite number; allowed 0.05 to 4")]
    [InlineData("Deals:Enabled=yes", "Deals:Enabled: 'yes' is not true or false")]
    [InlineData("Deals:Cancel=openai-oracle-2025-09, nobody-2099-01", "Deals:Cancel: 'nobody-2099-01' is not a deal in the deal book; `marketsim deals` lists the ids")]
    [InlineData("Deals:Scale=4", "Deals:Scale: 4 is out of range; allowed 0 to 3")]
    [InlineData("Deals:NeocloudStandIn=Nebius", "Deals:NeocloudStandIn: 'Nebius' is not a cloud in the scenario; clouds: ")]
    [InlineData("Shocks:PriceWar:Date=2026-13", "Shocks:PriceWar:Date: '2026-13' is not a month; expected yyyy-MM between 1990-01 and 2100-12")]
    [InlineData("Clock:End=2024-12", "Clock:End: 2024-12 must be after Clock:Start 2025-01")]
    [InlineData("Shocks:LabDefault:Lab=Nobody", "Shocks:LabDefault:Lab: 'Nobody' is not a lab in the scenario; labs: ")]
    [InlineData("Demand:Buyer=5000", "Demand:Buyer: unknown key; known keys of Demand: PriceElasticity, AdoptionSpeed, Buyers, ")]
    [InlineData("Demnd:Buyers=5000", "Demnd: unknown key; known top-level keys: Base, Clock, Demand, ")]
    [InlineData("Name=other", "Name: unknown key; known top-level keys: ")]
    [InlineData("Demand=5", "Demand: is a section; name one of its keys, e.g. Demand:PriceElasticity")]
    [InlineData("Clouds:AWS=5", "Clouds:AWS: is a section; name one of its keys")]
    [InlineData("Demand:Buyers:Extra=5", "Demand:Buyers: is a value, so 'Demand:Buyers:Extra' names no key")]
    [InlineData("Demand:Buyers", "--set 'Demand:Buyers': expected Section:Key=Value")]
    [InlineData("Base=backtest", "Base: cannot be overridden")]
    public void BadOverridesNameTheKeyAndWhatIsAllowed(string set, string expectedStart)
    {
        var message = SetError(set);
        Assert.StartsWith(expectedStart, message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void AgentReferencesMustNameAgentsOfTheScenario()
    {
        var cloud = ScenarioLoader.Load(null, []).Clouds.Keys.First();
        var lab = ScenarioLoader.Load(null, []).Labs.Keys.First();
        Assert.StartsWith($"Clouds:{cloud}:CaptiveLab: 'Ghost' is not a lab in the scenario",
            SetError($"Clouds:{cloud}:CaptiveLab=Ghost"));
        Assert.StartsWith($"Labs:{lab}:HomeCloud: 'Ghost' is not a cloud in the scenario",
            SetError($"Labs:{lab}:HomeCloud=Ghost"));
        Assert.Equal("", ScenarioLoader.Load(null, [$"Clouds:{cloud}:CaptiveLab="]).Clouds[cloud].CaptiveLab);
    }

    [Fact]
    public void UnknownKeysInAgentEntriesListTheRecordsKeys()
    {
        var message = SetError("Labs:NewLab:Brnd=2");
        Assert.StartsWith("Labs:NewLab:Brnd: unknown key; known keys of Labs:NewLab: HomeCloud, Capability, ", message);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        var path = _dir.Combine("x.json");
        Assert.Equal($"scenario file '{path}' not found",
            Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path, [])).Message);
    }

    [Theory]
    [InlineData("{ \"Demand\": { \"Buyers\": 5000 ")]
    [InlineData("{ \"Demand\": { \"Buyers\" 5000 } }")]
    [InlineData("[1, 2]")]
    public void MalformedJsonNamesTheFileOnOneLine(string content)
    {
        var path = _dir.File("broken.json", content);
        var message = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path, [])).Message;
        Assert.StartsWith($"scenario file '{path}' is not valid JSON: ", message);
        Assert.DoesNotContain('\n', message);
    }

    [Theory]
    [InlineData("""{ "Demand": { "PriceElasticity": "high" } }""", "Demand:PriceElasticity: 'high' is not a number; allowed 0.05 to 4")]
    [InlineData("""{ "Demand": { "Buyers": 10 } }""", "Demand:Buyers: 10 is out of range; allowed 1000 to 200000")]
    [InlineData("""{ "Demand": { "Buyers": { "Count": 10 } } }""", "Demand:Buyers: expected a value, not a section")]
    [InlineData("""{ "Demand": 3 }""", "Demand: expected a section of keys, not the value '3'")]
    [InlineData("""{ "Labs": { "X": { "Cash": 1, "Colour": "red" } } }""", "Labs:X:Colour: unknown key; known keys of Labs:X: ")]
    [InlineData("""{ "Base": "future" }""", "Base: 'future' is not one of the allowed values: baseline, backtest")]
    [InlineData("""{ "Demand": { "Elasticity": 1 } }""", "Demand:Elasticity: unknown key; known keys of Demand: PriceElasticity, ")]
    public void BadFileValuesNameTheKey(string content, string expectedStart)
    {
        var path = _dir.File("bad.json", content);
        Assert.StartsWith(expectedStart, Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path, [])).Message);
    }
}
