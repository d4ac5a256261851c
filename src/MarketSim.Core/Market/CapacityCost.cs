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

    /// <summary>IT kW per H100e of the accelerators being made this month, weighted by the chipmakers' output.</summary>
    public double KwPerH100e => NewAccelerators().KwPerH100e;

    public double PerH100eHour(double costOfCapital)
    {
        var (chip, kw) = NewAccelerators();
        var trends = _world.Trends;
        var shell = kw / 1000 * _world.Scenario.Power.ShellCostUsdMPerMw * 1e6;
        var r = costOfCapital;
        var n = _world.Scenario.Hardware.DepreciationLifeYears;
        // At a cost of capital too small for a double to discount by (no risk-free rate, no spread, no premium: a valid
        // extreme) the capital is recovered in equal parts, not at 0 / 0.
        var discounted = 1 - _world.Recent.Pow(1 + r, -n);
        var recovery = discounted <= 0 ? 1.0 / n : r / discounted;
        var o = _world.Scenario.CapacityCost;
        return (o.NetworkingMultiplier * chip + o.ShellShare * shell) * recovery / (8760 * o.Utilization) + trends.PowerCostPerH100eHour(kw);
    }

    /// <summary>Chipmakers' current price per H100e, weighted by their output, USD.</summary>
    public double ChipPriceUsdPerH100e() => NewAccelerators().PriceUsdPerH100e;

    /// <summary>Price and IT kW per H100e of this month's accelerators, weighted by each chipmaker's output.</summary>
    private (double PriceUsdPerH100e, double KwPerH100e) NewAccelerators()
    {
        double weight = 0, price = 0, kw = 0;
        var makers = _world.Chipmakers;
        for (var i = 0; i < makers.Count; i++)
        {
            var c = makers[i];
            var w = Math.Max(c.CapacityH100ePerMonth, 1);
            weight += w;
            price += w * c.PriceUsdPerH100e;
            kw += w * c.KwPerH100e;
        }
        return weight > 0 ? (price / weight, kw / weight) : (0, 0);
    }
}
