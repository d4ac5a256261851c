using System.Collections.Immutable;
using System.Globalization;
using CsCheck;
using MarketSim.Core;
using MarketSim.Core.Market;
using MarketSim.Core.Scenarios;
using MarketSim.Experiments.Output;

namespace MarketSim.Tests.Kernel;

/// <summary>
/// Scenarios drawn at random within every key's declared range (<see cref="ScenarioLoader.ParameterKeys"/>, what
/// <c>marketsim params</c> lists): each run must finish, conserve money and installed compute every month, and write no NaN or infinity
/// (summary metrics the contract lets be undefined are written empty). New keys are drawn as soon as they are declared.
/// </summary>
public sealed class RandomScenarioProperty
{
    /// <summary>Scenarios per test run: a minute at most on CI's two cores. MARKETSIM_PROPERTY_ITER asks for more.</summary>
    private static readonly int Iterations =
        int.TryParse(Environment.GetEnvironmentVariable("MARKETSIM_PROPERTY_ITER"), out var n) && n > 0 ? n : 24;

    // Each key is drawn in about one scenario in seven, so a scenario changes some 30 keys at once.
    private const int KeyWeight = 1, KeepWeight = 6;

    private static readonly YearMonth FirstMonth = new(1990, 1), LastMonth = new(2100, 12);

    /// <summary>
    /// The keys set by the draw as a whole rather than one by one: the clock (its end after its start), the demand
    /// segments' shares (summing to 1), and free-text keys that are not a name (a provider list).
    /// </summary>
    private static readonly HashSet<string> DrawnTogether =
    [
        "Base", "Clock:Start", "Clock:End", "Demand:Consumer:Share", "Demand:Enterprise:Share", "Demand:Agentic:Share",
        "Labs:<name>:OpeningProviders",
    ];

    // The draws start from the baseline ending in 2029 (the whole cohort, at half the cost of a run to 2035).
    private static readonly Scenario Base = ScenarioLoader.Load(null, ["Clock:End=2029-12"]);

    [Fact]
    public void Random_scenarios_within_declared_ranges_run_conserve_money_and_write_no_NaN()
    {
        var refused = 0;
        Scenarios().Sample(overrides =>
        {
            Scenario scenario;
            Simulation simulation;
            try
            {
                scenario = ScenarioLoader.WithOverrides(Base, overrides);
                simulation = Simulation.Create(scenario, 1); // checks keys that go together (a parent-funded lab's home cloud)
            }
            catch (ScenarioException)
            {
                Interlocked.Increment(ref refused); // refused up front in one line: bad input, not a crash
                return;
            }
            RunAndCheck(scenario, simulation);
        }, iter: Iterations, threads: 2, print: Print);
        Assert.True(refused <= Iterations / 4, $"{refused} of {Iterations} drawn scenarios were refused; the draw breaks a rule");
    }

    private static void RunAndCheck(Scenario scenario, Simulation simulation)
    {
        var world = simulation.World;
        var installed = world.InstalledH100e();
        for (var step = 0; simulation.StepOnce(); step++)
        {
            if (Math.Abs(world.Ledger.Total()) > world.Ledger.Tolerance) Assert.Fail($"ledger total {world.Ledger.Total():R} after step {step}");
            var moved = installed + world.Clouds.Sum(c => c.DeliveredThisStep + c.RetiredThisStep);
            var expected = installed + world.Clouds.Sum(c => c.DeliveredThisStep - c.RetiredThisStep);
            installed = world.InstalledH100e();
            if (!(Math.Abs(installed - expected) <= 1e-6 * Math.Max(1, moved)))
                Assert.Fail($"installed {installed:R} H100e after step {step}, expected {expected:R}");
        }
        var tables = RunOutput.Tables(scenario, simulation.Run());
        foreach (var row in tables.Timeseries)
            Assert.True(double.IsFinite(row.Value), $"timeseries {row.Agent} {row.Metric} {row.Date} is {row.Value}");
        foreach (var row in tables.Events)
            Assert.True(double.IsFinite(row.AmountUsdBn), $"event {row.Event} of {row.Agent} {row.Date} is {row.AmountUsdBn}");
        foreach (var row in tables.Summary)
            Assert.True(double.IsFinite(row.Value) || (double.IsNaN(row.Value) && RunRenderer.MayBeUndefined.Contains(row.Metric)),
                $"summary {row.Metric} is {row.Value}");
    }

    private static Gen<ImmutableList<KeyValuePair<string, string>>> Scenarios()
    {
        var gen = Gen.Select(Clock(), Shares(), (clock, shares) => ImmutableList.CreateRange(clock.Concat(shares)));
        foreach (var key in ScenarioLoader.ParameterKeys(Base).Where(k => !DrawnTogether.Contains(k.Key)))
            if (Values(key) is { } values)
                gen = Gen.Select(gen, Sometimes(values), (list, value) => value is { } v ? list.Add(v) : list);
        return gen;
    }

    private static Gen<KeyValuePair<string, string>?> Sometimes(Gen<KeyValuePair<string, string>> value) =>
        Gen.Frequency((KeepWeight, Gen.Const((KeyValuePair<string, string>?)null)), (KeyWeight, value.Select(v => (KeyValuePair<string, string>?)v)));

    /// <summary>A value of one key within its declared range (the ends drawn often), and an agent for a per-agent key.</summary>
    private static Gen<KeyValuePair<string, string>>? Values(ParameterKey key)
    {
        var p = key.Parameter;
        Gen<string>? value = key switch
        {
            { Allowed: { Count: > 0 } allowed } => Gen.OneOf<string>([.. allowed]),
            { Type: "bool" } => Gen.Bool.Select(b => b ? "true" : "false"),
            { Type: "month" } => Month(FirstMonth, LastMonth),
            { Type: "int" } when p is { HasRange: true } => Gen.Frequency(
                (1, Gen.Const(Whole(p.Min))), (1, Gen.Const(Whole(p.Max))), (4, Gen.Int[(int)p.Min, (int)p.Max].Select(i => Whole(i)))),
            { Type: "double" } when p is { HasRange: true } => Gen.Frequency(
                (1, Gen.Const(Number(p.Min))), (1, Gen.Const(Number(p.Max))), (4, Gen.Double[p.Min, p.Max].Select(Number))),
            _ => Names(key.Key),
        };
        if (value is null) return null;
        var parts = key.Key.Split(':', 3);
        if (parts is not [var table, "<name>", var rest]) return value.Select(v => KeyValuePair.Create(key.Key, v));
        var agents = AgentsOf(table);
        return Gen.Select(Gen.OneOf<string>([.. agents]), value, (agent, v) => KeyValuePair.Create($"{table}:{agent}:{rest}", v));
    }

    /// <summary>Keys whose text names something of the scenario: a lab, a cloud (or none), a deal to cancel.</summary>
    private static Gen<string>? Names(string key)
    {
        string[] labs = [.. Base.Labs.Keys], clouds = [.. Base.Clouds.Keys];
        return key switch
        {
            "Shocks:LabDefault:Lab" => Gen.OneOf<string>(labs),
            "Deals:NeocloudStandIn" => Gen.OneOf<string>(["", .. clouds]),
            "Deals:Cancel" => Gen.OneOf<string>(["", .. DealBook.Announced.Select(d => d.Id)]),
            _ when key.EndsWith(":CaptiveLab", StringComparison.Ordinal) => Gen.OneOf<string>(["", .. labs]),
            _ when key.EndsWith(":HomeCloud", StringComparison.Ordinal) => Gen.OneOf<string>(["", .. clouds]),
            _ => null,
        };
    }

    /// <summary>Sometimes a clock anywhere in 1990-2100, from one month to fifteen years long.</summary>
    private static Gen<IEnumerable<KeyValuePair<string, string>>> Clock() => Gen.Frequency(
        (KeepWeight, Gen.Const<IEnumerable<KeyValuePair<string, string>>>([])),
        (KeyWeight, Gen.Select(Gen.Int[FirstMonth.Index, LastMonth.Index - 1], Gen.Int[1, 180], (start, months) =>
            (IEnumerable<KeyValuePair<string, string>>)
            [
                KeyValuePair.Create("Clock:Start", YearMonth.FromIndex(start).ToString()),
                KeyValuePair.Create("Clock:End", YearMonth.FromIndex(Math.Min(start + months, LastMonth.Index)).ToString()),
            ])));

    /// <summary>Sometimes the three demand segments' shares, each in 0-1 and summing to 1.</summary>
    private static Gen<IEnumerable<KeyValuePair<string, string>>> Shares() => Gen.Frequency(
        (KeepWeight, Gen.Const<IEnumerable<KeyValuePair<string, string>>>([])),
        (KeyWeight, Gen.Select(Gen.Int[0, 100], Gen.Int[0, 100], (a, b) =>
        {
            var (low, high) = (Math.Min(a, b), Math.Max(a, b));
            return (IEnumerable<KeyValuePair<string, string>>)
            [
                KeyValuePair.Create("Demand:Consumer:Share", Number(low / 100.0)),
                KeyValuePair.Create("Demand:Enterprise:Share", Number((high - low) / 100.0)),
                KeyValuePair.Create("Demand:Agentic:Share", Number((100 - high) / 100.0)),
            ];
        })));

    private static Gen<string> Month(YearMonth first, YearMonth last) =>
        Gen.Int[first.Index, last.Index].Select(i => YearMonth.FromIndex(i).ToString());

    private static IReadOnlyCollection<string> AgentsOf(string table) => table switch
    {
        "Chipmakers" => [.. Base.Chipmakers.Keys],
        "Generations" => [.. Base.Generations.Keys],
        "Clouds" => [.. Base.Clouds.Keys],
        "Labs" => [.. Base.Labs.Keys],
        _ => throw new InvalidOperationException($"no agent table {table}"),
    };

    private static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string Whole(double x) => ((int)x).ToString(CultureInfo.InvariantCulture);

    /// <summary>A failing draw as the command line that reproduces it.</summary>
    private static string Print(ImmutableList<KeyValuePair<string, string>> overrides) =>
        "marketsim run --set Clock:End=2029-12 " + string.Join(' ', overrides.Select(o => $"--set {o.Key}={o.Value}"));
}
