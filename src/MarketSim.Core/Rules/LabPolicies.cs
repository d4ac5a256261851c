using MarketSim.Core.Agents;
using MarketSim.Core.Market;
using MarketSim.Core.Engine;

namespace MarketSim.Core.Rules;

/// <summary>
/// The baseline pricing rule: compute cost per million tokens marked up to the lab's target gross margin (a negative
/// target prices below cost, as Anthropic did in 2024: anthropic_gross_margin), moving a fifth of the way each month.
/// </summary>
public sealed class CostPlusPricing : IPricingPolicy
{
    public double SetTokenPrice(Lab lab, CapitalMarket market)
    {
        var target = UnitCostPerMtok(lab) / (1 - lab.GrossMarginTarget);
        return lab.TokenPrice <= 0 ? target : lab.TokenPrice + 0.2 * (target - lab.TokenPrice);
    }

    public static double UnitCostPerMtok(Lab lab) => lab.AverageComputePricePerHour() / lab.World.Trends.TokensPerH100eHour * 1e6;
}

/// <summary>
/// A lab in a price war: it undercuts the market's average price by a fifth, down to half of its unit cost,
/// trading margin for share.
/// </summary>
public sealed class PriceWarPricing : IPricingPolicy
{
    public double SetTokenPrice(Lab lab, CapitalMarket market)
    {
        var costPlus = new CostPlusPricing().SetTokenPrice(lab, market);
        if (market.TokenPrice <= 0) return costPlus;
        var floor = 0.5 * CostPlusPricing.UnitCostPerMtok(lab);
        return Math.Max(floor, Math.Min(costPlus, 0.8 * market.TokenPrice));
    }
}

/// <summary>
/// The baseline procurement rule: every quarter, contract for inference demand a year ahead (grown at the expected
/// rate, less the efficiency gains of the year) plus a training budget growing with the lab's scaling ambition,
/// within what the lab can afford, spread across clouds so no cloud but the lab's own holds more than the
/// multi-cloud cap of its contracted compute.
/// </summary>
public sealed class MultiCloudProcurement : IProcurementPolicy
{
    public const int HorizonMonths = 12;

    public IReadOnlyList<ContractRequest> SignContracts(Lab lab, IReadOnlyList<Cloud> clouds, CapitalMarket market)
    {
        var w = lab.World;
        var step = w.Clock.Step;
        if (step % 3 != 0 || clouds.Count == 0) return [];
        var s = w.Scenario;
        var efficiency = Math.Pow(2, HorizonMonths * s.Trends.InferenceEfficiencyShare / s.Trends.AlgorithmicHalvingMonths);
        var inference = lab.InferenceNeedH100e * Math.Pow(1 + market.ForecastGrowth, HorizonMonths / 12.0) / efficiency;
        // Training budgets follow the business (a fixed share of compute) or, for a lab its parent funds, the parent's budget.
        var trainingNow = lab.Options.ParentFunded
            ? lab.Options.ParentBudgetUsdBn * 1e9 / (market.GpuHourPrice * 8760)
            : inference * lab.Options.TrainingShare / (1 - lab.Options.TrainingShare);
        var training = trainingNow * Math.Pow(lab.Options.ScalingAmbition, HorizonMonths / 12.0) / Math.Pow(1 + market.ForecastGrowth, HorizonMonths / 12.0);
        var atHorizon = step + HorizonMonths;
        var contracted = lab.ContractedH100eAt(atHorizon);
        var gap = inference + training - contracted;
        if (gap < 0.03 * Math.Max(contracted, 1)) return [];

        var hourCost = market.GpuHourPrice * 8760 / 1e9;
        var existing = contracted * lab.AverageComputePricePerHour() * 8760 / 1e9;
        var affordable = Math.Max(0, lab.CommitmentCapacityUsdBn - existing) / hourCost;
        gap = Math.Min(gap, affordable);
        if (gap <= 0) return [];
        return Allocate(lab, clouds, gap, contracted, atHorizon, s.Procurement.MultiCloudCap, s.Procurement.ContractMonths);
    }

    /// <summary>Water-fills the volume over clouds by preference, capping each non-home cloud's share of the total.</summary>
    public static IReadOnlyList<ContractRequest> Allocate(Lab lab, IReadOnlyList<Cloud> clouds, double volume, double contracted, int atStep, double cap, int months)
    {
        var total = contracted + volume;
        var room = new double[clouds.Count];
        var weight = new double[clouds.Count];
        for (var i = 0; i < clouds.Count; i++)
        {
            var home = clouds[i] == lab.HomeCloud;
            var held = ContractedWith(lab, clouds[i], atStep);
            room[i] = home ? double.PositiveInfinity : Math.Max(0, cap * total - held);
            weight[i] = clouds[i].Options.Preference * (home ? 3 : 1);
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
            if (take[i] > 1) requests.Add(new ContractRequest(clouds[i], take[i], 3, months));
        return requests;
    }

    private static double ContractedWith(Lab lab, Cloud cloud, int step)
    {
        double sum = 0;
        foreach (var c in lab.Contracts) if (c.Cloud == cloud) sum += c.VolumeAt(step);
        return sum;
    }
}

/// <summary>
/// The baseline financing rule: when cash covers less than a year of burn, raise up to what investors would fund
/// (a share of a valuation set by revenue and sentiment), at most every six months; nothing below a sentiment floor.
/// </summary>
public sealed class SentimentFinancing : IFinancingPolicy
{
    public FundingDecision RaiseFunding(Lab lab, CapitalMarket market, double monthlyBurnUsdBn)
    {
        var w = lab.World;
        if (monthlyBurnUsdBn <= 0 || w.Clock.Step - lab.LastRoundStep < 6) return new(0);
        if (lab.Cash > 12 * monthlyBurnUsdBn) return new(0);
        var capacity = lab.FundingCapacityUsdBn;
        return new(Math.Min(capacity, Math.Max(24 * monthlyBurnUsdBn, 0.2 * capacity)));
    }
}
