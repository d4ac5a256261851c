using MarketSim.Core.Engine;

namespace MarketSim.Core.Market;

/// <summary>
/// What one H100e-hour of new capacity costs: chips at the chipmakers' current prices (weighted by their output)
/// with networking (<c>CapacityCost:NetworkingMultiplier</c>, 1.2), and a share of the shell (<c>ShellShare</c>, 30%:
/// shells outlive several chip generations), recovered over the accounting life at a given cost of capital at
/// <c>Utilization</c> (80%), plus power. Contract quotes and the spot price are set against it.
/// </summary>
public sealed class CapacityCost
{
    private readonly World _world;

    internal CapacityCost(World world) => _world = world;

    public double PerH100eHour(double costOfCapital)
    {
        var trends = _world.Trends;
        var chip = ChipPriceUsdPerH100e();
        var kw = trends.KwPerH100e;
        var shell = kw / 1000 * _world.Scenario.Power.ShellCostUsdMPerMw * 1e6;
        var r = costOfCapital;
        var n = _world.Scenario.Hardware.DepreciationLifeYears;
        var recovery = r / (1 - Math.Pow(1 + r, -n));
        var o = _world.Scenario.CapacityCost;
        return (o.NetworkingMultiplier * chip + o.ShellShare * shell) * recovery / (8760 * o.Utilization) + trends.PowerCostPerH100eHour(kw);
    }

    /// <summary>Chipmakers' current price per H100e, weighted by their output, USD.</summary>
    public double ChipPriceUsdPerH100e()
    {
        double weight = 0, value = 0;
        foreach (var c in _world.Chipmakers)
        {
            var w = Math.Max(c.CapacityH100ePerMonth, 1);
            weight += w;
            value += w * c.PriceUsdPerH100e;
        }
        return weight > 0 ? value / weight : _world.Trends.OpeningPriceUsdPerH100e(0);
    }
}
