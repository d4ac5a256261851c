using MarketSim.Core.Engine;
using MarketSim.Core.Rules;
using MarketSim.Core.Finance;

namespace MarketSim.Core.Agents;

public sealed partial class Cloud
{
    /// <summary>
    /// Each vintage counts the months the market rent has stayed below its cash cost; the retirement rule takes
    /// vintages out of service; the rest carry their shell charge, depreciate straight-line over the accounting life
    /// (accounting only), then the write-down rule may write them down. One event per rule and month sums the vintages
    /// it touched.
    /// </summary>
    internal void RetireAndDepreciate()
    {
        var context = World.Context;
        var step = World.Clock.Step;
        var rent = RentOutlook.CurrentRent(context);
        var accountingMonths = World.Scenario.Hardware.DepreciationLifeYears * 12;
        double retiredBook = 0, writtenDown = 0, writtenDownH100e = 0, depreciated = 0;
        int retiredVintages = 0, writeDownVintages = 0, kept = 0;
        DepreciateShells();
        var (retirement, writeDown) = (Rules.Retirement, Rules.WriteDown);
        var reviews = writeDown.ReviewsThisMonth(context);
        var shellCharge = ShellChargePerMwUsdBn;
        var cohortShellCharge = CohortShellChargeByStep[step];
        for (var i = 0; i < _fleet.Count; i++)
        {
            var v = _fleet[i];
            v.MonthsBelowCashCost = rent < v.CashCostPerH100eHour ? v.MonthsBelowCashCost + 1 : 0;
            if (retirement.Retires(this, v, context))
            {
                InstalledH100e -= v.H100e;
                InstalledKw -= v.KwTotal;
                RetiredThisStep += v.H100e;
                retiredBook += v.BookValueUsdBn;
                retiredVintages++;
                v.RetiredStep = step;
                _retired.Add(v);
                continue;
            }
            _fleet[kept++] = v;
            // A vintage in service carries the shell charge of the MW it occupies.
            v.ShellChargeUsdBnPerMonth = v.KwTotal / 1000 * shellCharge;
            if (v.InCohort) cohortShellCharge += v.ShellChargeUsdBnPerMonth;
            var depreciation = Math.Min(v.BookValueUsdBn, v.CostUsdBn / accountingMonths);
            depreciated += depreciation;
            v.BookValueUsdBn -= depreciation;
            if (!reviews || writeDown.WriteDownTo(this, v, context) is not { } value) continue;
            writtenDown += v.BookValueUsdBn - value;
            writtenDownH100e += v.H100e;
            writeDownVintages++;
            v.BookValueUsdBn = value;
        }
        _fleet.RemoveRange(kept, _fleet.Count - kept);
        VintagesRemoved += retiredVintages;
        CohortShellChargeByStep[step] = cohortShellCharge;
        DepreciationUsdBn = depreciated;
        // An empty fleet is exactly none: what the subtractions leave is round-off. A fleet still standing keeps its
        // whole size, however small (snapping below 1e-6 H100e lost compute that was never retired).
        if (kept == 0) InstalledH100e = InstalledKw = 0;
        WriteDownsUsdBn += retiredBook + writtenDown;
        if (retiredVintages > 0)
            World.Events.Add(Name, "Retirement", "", retiredBook, Rules.Retirement.Name, $"h100e={RetiredThisStep:F0} vintages={retiredVintages}");
        if (writeDownVintages > 0)
            World.Events.Add(Name, "WriteDown", "", writtenDown, Rules.WriteDown.Name, $"h100e={writtenDownH100e:F0} vintages={writeDownVintages}");
    }

    /// <summary>H100e and kW of today's fleet that its retirement rule expects still in service some months from now.</summary>
    public (double H100e, double Kw) SurvivingFleet(int monthsAhead) => SurvivingFleet(monthsAhead, monthsAhead).First;

    /// <summary>
    /// <see cref="SurvivingFleet(int)"/> at two horizons in one walk of the fleet: capacity planning asks for both
    /// every month (shells and chips have different leads).
    /// </summary>
    public ((double H100e, double Kw) First, (double H100e, double Kw) Second) SurvivingFleet(int firstMonthsAhead, int secondMonthsAhead)
    {
        var context = World.Context;
        var (first, second) = (Rules.Retirement.Outlook(firstMonthsAhead, context), Rules.Retirement.Outlook(secondMonthsAhead, context));
        var (firstStep, secondStep) = (World.Clock.Step + firstMonthsAhead, World.Clock.Step + secondMonthsAhead);
        double h1 = 0, kw1 = 0, h2 = 0, kw2 = 0;
        for (var i = 0; i < _fleet.Count; i++)
        {
            var v = _fleet[i];
            if (first.Serves(v, firstStep)) { h1 += v.H100e; kw1 += v.KwTotal; }
            if (second.Serves(v, secondStep)) { h2 += v.H100e; kw2 += v.KwTotal; }
        }
        return ((h1, kw1), (h2, kw2));
    }

    /// <summary>Books one sale of compute; the market has already moved the money.</summary>
    internal void BookAiSale(double usdBn, double h100e, bool direct)
    {
        Revenue += usdBn;
        AiRevenue += usdBn;
        UsedH100e += h100e;
        if (direct) DirectAiRevenue += usdBn;
    }

    internal void UpdateSpotAverage(double spotAndDirectH100e) =>
        SpotAndDirectH100eAverage += (spotAndDirectH100e - SpotAndDirectH100eAverage) / World.Scenario.Capacity.SpotAverageMonths;

    /// <summary>
    /// Power and operations for the accelerators in use (their cash cost), AI operating costs (<c>AiOpexShare</c> of AI revenue), the non-AI business
    /// (exogenous revenue, <c>OtherCostShare</c> of it in costs, and capex so that company totals match capex_cash
    /// 2022-2024) and the parent's other cash flow; the month's EBITDA.
    /// </summary>
    internal void PayCosts()
    {
        var years = World.Clock.YearsSinceStart;
        var power = UsedH100e * World.Trends.PowerCostPerH100eHour(InstalledH100e > 0 ? InstalledKw / InstalledH100e : 1) * Clock.HoursPerMonth / 1e9;
        power += UsedH100e * World.Scenario.Hardware.OperationsUsdPerH100eHour * Clock.HoursPerMonth / 1e9;
        var aiOpex = AiOperatingCostUsdBn;
        PaySupplier(power + aiOpex);
        var otherRevenue = _o.OtherCloudRevenueUsdBn / 12 * Math.Pow(1 + _o.OtherCloudRevenueGrowth, years);
        World.Ledger.Pay(World.External(ExternalAccount.EndUsers), Account, otherRevenue);
        Revenue += otherRevenue;
        PaySupplier(_o.OtherCostShare * otherRevenue);
        var nonAiCapex = _o.NonAiCapexUsdBn / 12 * Math.Pow(1 + _o.NonAiCapexGrowth, years);
        PaySupplier(nonAiCapex);
        Capex += nonAiCapex;
        var openingOtherCashFlow = _o.OtherOperatingCashFlowUsdBn / 12;
        var otherCashFlow = openingOtherCashFlow * Math.Pow(1 + _o.OtherCashFlowGrowth, years);
        World.Ledger.Pay(World.External(ExternalAccount.OtherBusiness), Account, otherCashFlow);
        AiAttributableValue = _o.AiAttributableRevenueShare * Math.Max(0, otherCashFlow - openingOtherCashFlow);
        // The group's EBITDA: its own lab's losses, which it funds, are part of the group's costs, and so is the rent
        // it pays vehicles for shells they built for it.
        MonthEbitda = AiRevenue - power - aiOpex + (1 - _o.OtherCostShare) * otherRevenue + otherCashFlow
            - LabFunding - _leaseThisMonth;
        _monthInflows = Revenue + otherCashFlow;
    }

    /// <summary>A lab that defaulted broke this contract: the cloud keeps the capacity and loses the revenue.</summary>
    internal void LoseContract(ComputeContract contract) => World.Events.Add(Name, "ContractBroken", contract.Lab.Name, contract.ValueUsdBn, "LabDefault", "");

    internal void Record()
    {
        RecordMoney();
        LastUtilization = Utilization;
        var m = World.Metrics;
        m.Set(_installedMetric, InstalledH100e);
        m.Set(_mwMetric, PoweredMw);
        m.Set(_utilMetric, Utilization);
        m.Set(_aiCapexMetric, AiCapex);
        m.Set(_directMetric, DirectAiRevenue);
        m.Set(_depreciationMetric, DepreciationUsdBn);
        m.Set(_retiredMetric, RetiredThisStep);
        m.Set(_shellDepreciationMetric, ShellDepreciationUsdBn);
        m.Set(_attributableMetric, AiAttributableValue);
        m.Set(_labFundingMetric, LabFunding);
        // Capped so that a cloud without EBITDA does not write an infinity into the outputs.
        m.Set(_leverageMetric, Math.Clamp(Balance.NetDebtToEbitda, -100, 100));
    }
}
