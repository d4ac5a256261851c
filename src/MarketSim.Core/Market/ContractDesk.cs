using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MarketSim.Core.Rules;

namespace MarketSim.Core.Market;

/// <summary>Where labs and clouds sign compute contracts: at the cloud's quote, or at an agreed price.</summary>
public sealed class ContractDesk
{
    private readonly World _world;

    internal ContractDesk(World world) => _world = world;

    /// <summary>
    /// A cloud's contract quote: the full cost of new capacity at its cost of capital, marked up by scarcity, less
    /// the term discount against the spot price when spot is cheaper than that.
    /// </summary>
    public double Quote(Cloud cloud)
    {
        var market = _world.Market;
        var atCost = _world.CapacityCost.PerH100eHour(cloud.CostOfCapital) * (1 + 0.15 + 0.5 * Math.Clamp(market.Tightness - 0.85, 0, 1));
        return Math.Max(0.8 * atCost, Math.Min(atCost, market.GpuHourPrice * (1 - _world.Scenario.Procurement.ContractDiscount) * 1.6));
    }

    /// <summary>Signs a contract at the cloud's quote (or a given price, for opening contracts and announced deals).</summary>
    internal ComputeContract Sign(Lab lab, ContractRequest request, string rule, double? priceOverride = null)
    {
        var price = priceOverride ?? Quote(request.Cloud);
        var start = _world.Clock.Step + request.StartInMonths;
        var contract = new ComputeContract
        {
            Lab = lab, Cloud = request.Cloud, VolumeH100e = request.VolumeH100e, PricePerH100eHour = price,
            StartStep = start, EndStep = start + request.Months, Rule = rule,
        };
        lab.AddContract(contract);
        request.Cloud.AddContract(contract);
        _world.Events.Add(lab.Name, "ContractSigned", request.Cloud.Name, contract.ValueUsdBn, rule,
            $"h100e={request.VolumeH100e:F0} months={request.Months} price={price:F2}");
        return contract;
    }
}
