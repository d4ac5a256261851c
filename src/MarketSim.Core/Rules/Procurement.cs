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
/// The baseline procurement rule: every quarter, contract for inference demand a year ahead (grown at the expected
/// rate, less the efficiency gains of the year) plus a training budget growing with the lab's scaling ambition,
/// within what the lab can afford, spread across clouds so no cloud but the lab's own holds more than the
/// multi-cloud cap of its contracted compute.
/// </summary>
public sealed class MultiCloudProcurement : IProcurementPolicy
{
    private const int HorizonMonths = 12;

    public IReadOnlyList<ContractRequest> SignContracts(Lab lab, IReadOnlyList<Cloud> clouds, RuleContext context)
    {
        var step = context.Step;
        if (step % 3 != 0 || clouds.Count == 0) return [];
        var s = context.Scenario;
        var market = context.Market;
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
