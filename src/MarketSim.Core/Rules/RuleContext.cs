using MarketSim.Core.Engine;
using MarketSim.Core.Market;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Rules;

/// <summary>
/// What a rule may read besides its own agent: the month, the scenario, the technology trends, and the market's
/// prices and rates. Never the world: a rule decides, and the agent or the market carries the decision out.
/// Everything here is read-only to a rule.
/// </summary>
public sealed class RuleContext
{
    private readonly Clock _clock;

    internal RuleContext(Scenario scenario, Clock clock, Trends trends, CapitalMarket market, CapacityCost capacityCost,
        RecentResults recent)
    {
        Recent = recent;
        Scenario = scenario;
        _clock = clock;
        Trends = trends;
        Market = market;
        CapacityCost = capacityCost;
    }

    public Scenario Scenario { get; }

    /// <summary>Months since the scenario's start month (step 0).</summary>
    public int Step => _clock.Step;

    public YearMonth Date => _clock.Date;
    public double YearsSinceStart => _clock.YearsSinceStart;

    /// <summary>Hardware, power and algorithmic trends at this month.</summary>
    public Trends Trends { get; }

    /// <summary>Spot and token prices, tightness, sentiment, rates and spreads.</summary>
    public CapitalMarket Market { get; }

    /// <summary>The full cost of one H100e-hour of new capacity at a given cost of capital.</summary>
    public CapacityCost CapacityCost { get; }

    /// <summary>The run's remembered logarithms, exponentials and powers (<see cref="World.Recent"/>).</summary>
    internal RecentResults Recent { get; }
}
