using MarketSim.Core.Agents;

namespace MarketSim.Core.Summary;

/// <summary>
/// The 2026-2027 capex cohort: all AI capex clouds spent in those two years (chips delivered and shell instalments),
/// against the cohort's share of each cloud's AI operating cash flow (its share of the installed H100e), over its
/// economic life. Discounted to January 2026 at each owner's cost of capital. Cash flows still due after the horizon
/// are added as a share of the last year's flow for each year of the cohort's remaining life; shells keep a
/// straight-line residual value (<c>Analysis:TailCashFlowShare</c>, <c>CohortShellShare</c>, <c>ShellLifeYears</c>).
/// </summary>
public static class CohortEconomics
{
    public sealed record Result(double NpvUsdBn, double Irr, double PaybackYear, double CapexUsdBn);

    public static Result Evaluate(IReadOnlyList<Cloud> clouds, int cohortStartStep, int horizonSteps, int startYear, double economicLifeYears,
        Scenarios.AnalysisOptions analysis)
    {
        var flows = new double[horizonSteps + 1];
        double npv = 0, capex = 0;
        foreach (var cloud in clouds)
        {
            var monthly = Math.Pow(1 + cloud.CostOfCapital, 1 / 12.0);
            double lastYear = 0;
            for (var t = 0; t < horizonSteps; t++)
            {
                var flow = cloud.CohortCashFlowByStep[t] - cloud.CohortCapexByStep[t];
                flows[t] += flow;
                capex += cloud.CohortCapexByStep[t];
                npv += flow / Math.Pow(monthly, t - cohortStartStep);
                if (t >= horizonSteps - 12) lastYear += cloud.CohortCashFlowByStep[t];
            }
            var tail = TailValue(cloud, cohortStartStep, horizonSteps, economicLifeYears, lastYear, analysis);
            flows[horizonSteps] += tail;
            npv += tail / Math.Pow(monthly, horizonSteps - cohortStartStep);
        }
        var irr = Irr(flows, cohortStartStep);
        return new Result(npv, irr, Payback(flows, startYear), capex);
    }

    private static double TailValue(Cloud cloud, int cohortStart, int horizon, double economicLifeYears, double lastYearFlow, Scenarios.AnalysisOptions a)
    {
        var cohortEnd = cohortStart + 24 + (int)Math.Round(economicLifeYears * 12);
        var remainingYears = Math.Max(0, (cohortEnd - horizon) / 12.0);
        var cohortCapex = 0.0;
        for (var t = 0; t < horizon; t++) cohortCapex += cloud.CohortCapexByStep[t];
        // A share of cohort capex is shells and power plant, which outlive the chips (Analysis:CohortShellShare).
        var yearsSinceCohort = (horizon - cohortStart) / 12.0 - 1;
        var shellResidual = a.CohortShellShare * cohortCapex * Math.Max(0, 1 - yearsSinceCohort / a.ShellLifeYears);
        return Math.Max(0, lastYearFlow) * Math.Min(remainingYears, 12) * a.TailCashFlowShare + shellResidual;
    }

    /// <summary>Annual IRR of monthly flows, by bisection; NaN when the flows never change sign.</summary>
    public static double Irr(double[] flows, int baseStep)
    {
        double Npv(double annual)
        {
            var m = Math.Pow(1 + annual, 1 / 12.0);
            double v = 0;
            for (var t = 0; t < flows.Length; t++) v += flows[t] / Math.Pow(m, t - baseStep);
            return v;
        }
        double lo = -0.99, hi = 10;
        double flo = Npv(lo), fhi = Npv(hi);
        if (double.IsNaN(flo) || double.IsNaN(fhi) || Math.Sign(flo) == Math.Sign(fhi)) return double.NaN;
        for (var i = 0; i < 100; i++)
        {
            var mid = 0.5 * (lo + hi);
            var fm = Npv(mid);
            if (Math.Sign(fm) == Math.Sign(flo)) { lo = mid; flo = fm; } else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>The calendar year in which cumulative undiscounted cohort cash flow turns positive; NaN if never.</summary>
    private static double Payback(double[] flows, int startYear)
    {
        double cumulative = 0;
        var spent = false;
        for (var t = 0; t < flows.Length; t++)
        {
            cumulative += flows[t];
            if (flows[t] < 0) spent = true;
            if (spent && cumulative >= 0 && t > 0) return startYear + t / 12;
        }
        return double.NaN;
    }
}
