using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MarketSim.Core.Rules;

namespace MarketSim.Core.Market;

/// <summary>Where labs and clouds sign compute contracts: at the cloud's quote, or at an agreed price.</summary>
public sealed class ContractDesk
{
    private readonly World _world;

    internal ContractDesk(World world) => _world = world;

    /// <summary>The price per H100e-hour the cloud's contract quote rule asks of a lab today.</summary>
    public double Quote(Cloud cloud) => Quote(cloud, _world.Context);

    /// <summary>
    /// The cloud's quote, never below <c>Market:LowestRentUsdPerH100eHour</c>, whatever the rule: at a price of zero a
    /// lab's budget would buy unbounded compute.
    /// </summary>
    public static double Quote(Cloud cloud, RuleContext context) =>
        Math.Max(context.Scenario.Market.LowestRentUsdPerH100eHour, cloud.Rules.ContractQuote.QuotePerH100eHour(cloud, context));

    /// <summary>
    /// Signs a contract at the cloud's quote (or a given price, for opening contracts and announced deals); an
    /// announced deal's id leads the event's detail.
    /// </summary>
    internal ComputeContract Sign(Lab lab, ContractRequest request, string rule, double? priceOverride = null, string? deal = null)
    {
        var price = priceOverride ?? Quote(request.Cloud);
        var start = _world.Clock.Step + request.StartInMonths;
        var contract = _world.Storage.Contract(lab, request.Cloud, request.VolumeH100e, price, start, start + request.Months,
            rule, _world.Scenario.Procurement.RampMonths);
        lab.AddContract(contract);
        request.Cloud.AddContract(contract);
        if (deal is null)
            _world.Events.Add(lab.Name, "ContractSigned", request.Cloud.Name, contract.ValueUsdBn, rule,
                $"h100e={request.VolumeH100e:F0} months={request.Months} price={price:F2}");
        else
            _world.Events.Add(lab.Name, "ContractSigned", request.Cloud.Name, contract.ValueUsdBn, rule,
                $"{deal} h100e={request.VolumeH100e:F0} months={request.Months} price={price:F2}");
        return contract;
    }
}
