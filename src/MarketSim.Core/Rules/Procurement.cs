using MarketSim.Core.Engine;
using MarketSim.Core.Agents;

namespace MarketSim.Core.Rules;

/// <summary>How a lab buys compute: which clouds, how much, for how long.</summary>
public interface IProcurementPolicy : IRule
{
    IReadOnlyList<ContractRequest> SignContracts(Lab lab, IReadOnlyList<Cloud> clouds, RuleContext context);
}

/// <param name="StartInMonths">Months from now until the contract's first month.</param>
public readonly record struct ContractRequest(Cloud Cloud, double VolumeH100e, int StartInMonths, int Months);

/// <summary>
/// The baseline procurement rule: every <c>Procurement:EveryMonths</c> (a quarter), contract for inference demand
/// <c>HorizonMonths</c> ahead (grown at the expected rate, less the efficiency gains meanwhile) plus a training budget
/// growing with the lab's scaling ambition, within what the lab can afford at the clouds' quotes, spread across clouds so no cloud but the
/// lab's own holds more than <c>MultiCloudCap</c> of its contracted compute.
/// </summary>
public sealed class MultiCloudProcurement : IProcurementPolicy
{
    public IReadOnlyList<ContractRequest> SignContracts(Lab lab, IReadOnlyList<Cloud> clouds, RuleContext context)
    {
        var step = context.Step;
        var o = context.Scenario.Procurement;
        if (step % o.EveryMonths != 0 || clouds.Count == 0) return [];
        var s = context.Scenario;
        var horizonMonths = o.HorizonMonths;
        var market = context.Market;
        var efficiency = context.Recent.Pow(2, horizonMonths * s.Trends.InferenceEfficiencyShare / s.Trends.AlgorithmicHalvingMonths);
        var growth = context.Recent.Pow(1 + market.ForecastGrowth, horizonMonths / 12.0);
        var inference = lab.InferenceNeedH100e * growth / efficiency;
        // New contracts are priced at the clouds' quotes, so budgets and affordability are counted at them.
        var price = MeanQuote(clouds, context);
        // Training budgets follow the business (a fixed share of compute) or, for a lab its parent funds, the parent's
        // budget; a lab that cannot fund a year of burn contracts none.
        var trainingNow = lab.IsCuttingTraining ? 0 : lab.TrainingH100eFor(inference, price);
        var training = trainingNow * context.Recent.Pow(lab.Options.ScalingAmbition, horizonMonths / 12.0) / growth;
        var atHorizon = step + horizonMonths;
        var contracted = lab.ContractedH100eAt(atHorizon);
        var gap = inference + training - contracted;
        if (gap < o.MinGapShare * Math.Max(contracted, 1)) return [];

        var hourCost = price * 8760 / 1e9;
        var existing = contracted * lab.AverageComputePricePerHour() * 8760 / 1e9;
        var affordable = Math.Max(0, lab.CommitmentCapacityUsdBn - existing) / hourCost;
        gap = Math.Min(gap, affordable);
        if (gap <= 0) return [];
        return Allocate(lab, clouds, gap, contracted, atHorizon, o);
    }

    private static double MeanQuote(IReadOnlyList<Cloud> clouds, RuleContext context)
    {
        double sum = 0;
        for (var i = 0; i < clouds.Count; i++) sum += Market.ContractDesk.Quote(clouds[i], context);
        return sum / clouds.Count;
    }

    /// <summary>
    /// Water-fills the volume over clouds by preference (the lab's own cloud weighted <c>HomeCloudWeight</c>), capping
    /// each other cloud's share of the total at <c>MultiCloudCap</c>; service starts <c>StartInMonths</c> from now.
    /// </summary>
    public static IReadOnlyList<ContractRequest> Allocate(Lab lab, IReadOnlyList<Cloud> clouds, double volume, double contracted, int atStep, Scenarios.ProcurementOptions o)
    {
        var cap = o.MultiCloudCap;
        var total = contracted + volume;
        var room = new double[clouds.Count];
        var weight = new double[clouds.Count];
        for (var i = 0; i < clouds.Count; i++)
        {
            var home = clouds[i] == lab.HomeCloud;
            var held = ContractedWith(lab, clouds[i], atStep);
            room[i] = home ? double.PositiveInfinity : Math.Max(0, cap * total - held);
            weight[i] = clouds[i].Options.Preference * (home ? o.HomeCloudWeight : 1);
        }
        var take = new double[clouds.Count];
        var left = volume;
        for (var round = 0; round < clouds.Count && left > 1e-6; round++)
        {
            double wsum = 0;
            for (var i = 0; i < clouds.Count; i++) if (room[i] - take[i] > 1e-9) wsum += weight[i];
            if (wsum <= 0) break;
            var assigned = 0.0;
            for (var i = 0; i < clouds.Count; i++)
            {
                if (room[i] - take[i] <= 1e-9) continue;
                var add = Math.Min(left * weight[i] / wsum, room[i] - take[i]);
                take[i] += add;
                assigned += add;
            }
            left -= assigned;
        }
        var requests = new List<ContractRequest>();
        for (var i = 0; i < clouds.Count; i++)
            if (take[i] > 1) requests.Add(new ContractRequest(clouds[i], take[i], o.StartInMonths, o.ContractMonths));
        return requests;
    }

    private static double ContractedWith(Lab lab, Cloud cloud, int step)
    {
        double sum = 0;
        foreach (var contract in lab.ContractSpan) if (contract.Cloud == cloud) sum += contract.VolumeAt(step);
        return sum;
    }
}
