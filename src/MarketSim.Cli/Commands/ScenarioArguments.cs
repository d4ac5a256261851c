using System.CommandLine;

namespace MarketSim.Cli.Commands;

/// <summary>The options that choose what to simulate, shared by <c>run</c> and <c>bench</c>.</summary>
internal static class ScenarioArguments
{
    public static Option<string?> Scenario() => new("--scenario")
    {
        Description = "A built-in scenario (baseline, backtest) or a JSON scenario file; default baseline",
    };

    public static Option<int> Seed() => AtLeast(new Option<int>("--seed")
    {
        Description = "Random seed (0 or more)",
        DefaultValueFactory = _ => 1,
    }, 0);

    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override one scenario key, e.g. --set Demand:PriceElasticity=1.2 (repeatable)",
        Arity = ArgumentArity.ZeroOrMore,
        DefaultValueFactory = _ => [],
    };

    /// <summary>Rejects values below <paramref name="minimum"/> at parse time, as one line naming the option.</summary>
    public static Option<int> AtLeast(Option<int> option, int minimum)
    {
        option.Validators.Add(result =>
        {
            // A token that is not a number at all is reported by the parser itself.
            if (result.Tokens is [var token] && int.TryParse(token.Value, out var value) && value < minimum)
                result.AddError($"{option.Name}: {value} is out of range; allowed {minimum} or more");
        });
        return option;
    }
}
