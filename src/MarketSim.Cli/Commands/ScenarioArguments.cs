using System.CommandLine;

namespace MarketSim.Cli.Commands;

/// <summary>The options that choose what to simulate, shared by <c>run</c> and <c>bench</c>.</summary>
internal static class ScenarioArguments
{
    public static Option<string?> Scenario() => new("--scenario")
    {
        Description = "A built-in scenario (baseline, backtest) or a JSON scenario file; default baseline",
    };

    public static Option<int> Seed() => WholeNumberOption.Create("--seed", "Random seed", 1, 0);

    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override one scenario key, e.g. --set Demand:PriceElasticity=1.2 (repeatable)",
        Arity = ArgumentArity.ZeroOrMore,
        DefaultValueFactory = _ => [],
    };
}
