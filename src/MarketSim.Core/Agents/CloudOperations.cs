using MarketSim.Core.Engine;
using MarketSim.Core.Finance;

namespace MarketSim.Core.Agents;

public sealed partial class Cloud
{
    /// <summary>
    /// The retirement rule takes vintages out of service; the rest depreciate straight-line over the accounting life,
    /// then the write-down rule may write them down. One event per rule and month sums the vintages it touched.
    /// </summary>
    internal void RetireAndDepreciate()
    {
        var context = World.Context;
        var accountingMonths = World.Scenario.Hardware.DepreciationLifeYears * 12;
        double retiredBook = 0, writtenDown = 0, writtenDownH100e = 0;
        int retiredVintages = 0, writeDownVintages = 0, kept = 0;
        for (var i = 0; i < _fleet.Count; i++)
        {
            var v = _fleet[i];
            if (Rules.Retirement.Retires(this, v, context))
            {
                InstalledH100e -= v.H100e;
                InstalledKw -= v.KwTotal;
                RetiredThisStep += v.H100e;
                retiredBook += v.BookValueUsdBn;
                retiredVintages++;
                continue;
            }
            _fleet[kept++] = v;
            v.BookValueUsdBn = Math.Max(0, v.BookValueUsdBn - v.CostUsdBn / accountingMonths);
            if (Rules.WriteDown.WriteDownTo(this, v, context) is not { } value) continue;
            writtenDown += v.BookValueUsdBn - value;
            writtenDownH100e += v.H100e;
            writeDownVintages++;
            v.BookValueUsdBn = value;
        }
        _fleet.RemoveRange(kept, _fleet.Count - kept);
        if (InstalledH100e < 1e-6) InstalledH100e = InstalledKw = 0;
        WriteDownsUsdBn += retiredBook + writtenDown;
        if (retiredVintages > 0)
            World.Events.Add(Name, "Retirement", "", retiredBook, Rules.Retirement.Name, $"h100e={RetiredThisStep:F0} vintages={retiredVintages}");
        if (writeDownVintages > 0)
            World.Events.Add(Name, "WriteDown", "", writtenDown, Rules.WriteDown.Name, $"h100e={writtenDownH100e:F0} vintages={writeDownVintages}");
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
    /// Power for the accelerators in use, AI operating costs (<c>AiOpexShare</c> of AI revenue), the non-AI business
    /// (exogenous revenue, <c>OtherCostShare</c> of it in costs, and capex so that company totals match capex_cash
    /// 2022-2024) and the parent's other cash flow; the month's EBITDA.
    /// </summary>
    internal void PayCosts()
    {
        var years = World.Clock.YearsSinceStart;
        var power = UsedH100e * World.Trends.PowerCostPerH100eHour(InstalledH100e > 0 ? InstalledKw / InstalledH100e : 1) * Clock.HoursPerMonth / 1e9;
        var aiOpex = _o.AiOpexShare * AiRevenue;
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
        // A captive builder earns nothing from its own lab's payments (its own money, passed through the lab): its
        // AI fleet is worth the share of the parent's business growth due to AI.
        var aiCashFlow = (IsCaptive ? 0 : AiRevenue) + AiAttributableValue - power - aiOpex;
        var cohortShare = CohortShareOfFleet();
        if (cohortShare > 0) CohortCashFlowByStep[World.Clock.Step] += cohortShare * aiCashFlow;
    }

    private double CohortShareOfFleet()
    {
        if (InstalledH100e <= 0) return 0;
        double cohort = 0;
        foreach (var v in _fleet) if (v.InCohort) cohort += v.H100e;
        return cohort / InstalledH100e;
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
        m.Set(_attributableMetric, AiAttributableValue);
        m.Set(_labFundingMetric, LabFunding);
        // Capped so that a cloud without EBITDA does not write an infinity into the outputs.
        m.Set(_leverageMetric, Math.Clamp(Balance.NetDebtToEbitda, -100, 100));
    }
}
