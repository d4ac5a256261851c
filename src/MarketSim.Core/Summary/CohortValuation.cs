using MarketSim.Core.Engine;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Summary;

/// <summary>
/// The 2026-2027 cohort valued through two lenses, each owner's flows discounted to January 2026 at the owner's cost of
/// capital when it spent the capex (capex-weighted), from the first delivery to the month its last accelerator leaves
/// service, when its shells are worth their remaining straight-line book. Taxes at <c>Finance:TaxRate</c> fall on
/// operating profit less straight-line depreciation (chips over <c>Hardware:DepreciationLifeYears</c>, shells over
/// <c>Power:ShellLifeYears</c>; chips' book left when the cohort ends is written off then); a loss lowers the owner's
/// tax on its other profits.
/// <list type="bullet">
/// <item>End users' lens (the headline): the cohort's share of what end users paid for AI, less power, clouds' and
/// labs' operating costs and taxes, against its capex.</item>
/// <item>Owners' lens: what the cohort's owners were paid (labs' payments, however funded, and direct rentals), less
/// power, operating costs and taxes, against its capex.</item>
/// </list>
/// The investor subsidy is the present value of the labs' payments to the cohort that investors and parents funded.
/// </summary>
public static class CohortValuation
{
    public sealed record Result(
        double CapexUsdBn, double EndUserNpvUsdBn, double OwnersNpvUsdBn, double InvestorSubsidyUsdBn,
        double OwnersIrr, double OwnersPaybackYear, double LastYearInService)
    {
        public static readonly Result None = new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
    }

    internal static Result Evaluate(CohortAccounts accounts, Scenario scenario, Engine.Clock clock)
    {
        if (!CohortAccounts.Covers(scenario.Clock)) return Result.None;
        var baseStep = clock.StepOf(CohortAccounts.FirstMonth);
        var ownersFlows = new double[clock.Horizon + 1];
        double capex = 0, endUserNpv = 0, ownersNpv = 0, subsidy = 0;
        var lastStep = -1;
        for (var c = 0; c < accounts.CapexAtRate.Length; c++)
        {
            var cloudCapex = accounts.ChipCapex[c].Sum() + accounts.ShellCapex[c].Sum();
            if (cloudCapex <= 0) continue;
            capex += cloudCapex;
            var rate = accounts.CapexAtRate[c] / cloudCapex;
            var monthly = TableMath.Pow(1 + rate, 1 / 12.0);
            var end = Math.Max(accounts.LastStepInService[c], LastCapexStep(accounts, c));
            lastStep = Math.Max(lastStep, end);
            var flows = CloudFlows(accounts, c, end, scenario);
            for (var t = 0; t <= end; t++)
            {
                var discount = TableMath.Pow(monthly, -(t - baseStep));
                endUserNpv += flows.EndUser[t] * discount;
                ownersNpv += flows.Owners[t] * discount;
                subsidy += accounts.InvestorMoney[c][t] * discount;
                ownersFlows[t] += flows.Owners[t];
            }
        }
        if (capex <= 0) return Result.None with { CapexUsdBn = 0 };
        return new Result(capex, endUserNpv, ownersNpv, subsidy, Irr(ownersFlows, baseStep),
            Payback(ownersFlows, clock), clock.Start.AddMonths(lastStep).Year);
    }

    private static int LastCapexStep(CohortAccounts a, int c)
    {
        for (var t = a.ChipCapex[c].Length - 1; t >= 0; t--)
            if (a.ChipCapex[c][t] + a.ShellCapex[c][t] > 0) return t;
        return -1;
    }

    /// <summary>One owner's monthly after-tax flows in both lenses, capex out and the shells' remaining book in at the end.</summary>
    internal static (double[] EndUser, double[] Owners) CloudFlows(CohortAccounts a, int c, int end, Scenario scenario)
    {
        var tax = scenario.Finance.TaxRate;
        var chipMonths = scenario.Hardware.DepreciationLifeYears * 12;
        var shellMonths = scenario.Power.ShellLifeYears * 12;
        var endUser = new double[end + 1];
        var owners = new double[end + 1];
        // Only months with capex depreciate or leave book; the others were skipped inside the sum anyway, so walking
        // the months with capex alone adds the same terms in the same order.
        var capexMonths = end < MonthsOnStack ? stackalloc int[end + 1] : new int[end + 1];
        var spending = 0;
        for (var s = 0; s <= end; s++)
            if (!(a.ChipCapex[c][s] + a.ShellCapex[c][s] <= 0)) capexMonths[spending++] = s;
        // Each month's charge and each age's share of book left are the same quotients whichever month asks for them:
        // worked out once, not in every month for every month of capex before it.
        var chipCharge = end < MonthsOnStack ? stackalloc double[spending] : new double[spending];
        var shellCharge = end < MonthsOnStack ? stackalloc double[spending] : new double[spending];
        for (var k = 0; k < spending; k++)
            (chipCharge[k], shellCharge[k]) = (a.ChipCapex[c][capexMonths[k]] / chipMonths, a.ShellCapex[c][capexMonths[k]] / shellMonths);
        var chipLeft = end < MonthsOnStack ? stackalloc double[end + 2] : new double[end + 2];
        var shellLeft = end < MonthsOnStack ? stackalloc double[end + 2] : new double[end + 2];
        for (var age = 0; age <= end; age++)
            (chipLeft[age + 1], shellLeft[age + 1]) = (Math.Max(0, 1 - (age + 1) / chipMonths), Math.Max(0, 1 - (age + 1) / shellMonths));
        for (var t = 0; t <= end; t++)
        {
            double depreciation = 0, chipBookLeft = 0, shellBookLeft = 0;
            for (var k = 0; k < spending && capexMonths[k] <= t; k++)
            {
                var s = capexMonths[k];
                var (chips, shells) = (a.ChipCapex[c][s], a.ShellCapex[c][s]);
                var age = t - s;
                if (age < chipMonths) depreciation += chipCharge[k];
                if (age < shellMonths) depreciation += shellCharge[k];
                chipBookLeft += chips * chipLeft[age + 1];
                shellBookLeft += shells * shellLeft[age + 1];
            }
            var atEnd = t == end;
            // The chips' book left when the cohort ends is written off; the shells' is what the cohort leaves behind.
            var deductible = depreciation + (atEnd ? chipBookLeft : 0);
            var operating = a.OwnersRevenue[c][t] - a.Power[c][t] - a.CloudOpex[c][t];
            var chainOperating = a.EndUserRevenue[c][t] - a.Power[c][t] - a.CloudOpex[c][t] - a.LabOpex[c][t];
            var capex = a.ChipCapex[c][t] + a.ShellCapex[c][t];
            var residual = atEnd ? shellBookLeft : 0;
            owners[t] = operating - tax * (operating - deductible) - capex + residual;
            endUser[t] = chainOperating - tax * (chainOperating - deductible) - capex + residual;
        }
        return (endUser, owners);
    }

    /// <summary>Annual IRR of monthly flows, by bisection; NaN when the flows never change sign.</summary>
    public static double Irr(double[] flows, int baseStep) => IrrBisection.Irr(flows, baseStep);

    // Month lists this long or shorter live on the stack (a run of many decades still fits).
    internal const int MonthsOnStack = 2048;

    /// <summary>The calendar year in which the owners' cumulative undiscounted flow turns positive; NaN if never.</summary>
    private static double Payback(double[] flows, Engine.Clock clock)
    {
        double cumulative = 0;
        var spent = false;
        for (var t = 0; t < flows.Length; t++)
        {
            cumulative += flows[t];
            if (flows[t] < 0) spent = true;
            if (spent && cumulative >= 0 && t > 0) return clock.Start.AddMonths(t).Year;
        }
        return double.NaN;
    }
}
