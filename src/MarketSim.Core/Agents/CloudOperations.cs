using MarketSim.Core.Engine;

namespace MarketSim.Core.Agents;

public sealed partial class Cloud
{
    /// <summary>
    /// Ends vintages past their economic life, depreciates the rest over the accounting life, and each quarter writes
    /// a vintage down when what it can still earn at today's rental price (at last month's utilization) is below 80%
    /// of its book value. One event per rule and month sums the vintages it touched.
    /// </summary>
    public void RetireAndDepreciate()
    {
        var step = World.Clock.Step;
        var economicMonths = World.Scenario.Hardware.EconomicLifeYears * 12;
        var accountingMonths = World.Scenario.Hardware.DepreciationLifeYears * 12;
        var checkValue = step % 3 == 0;
        var utilization = Math.Max(0.3, LastUtilization);
        double retiredBook = 0, writtenDown = 0, writtenDownH100e = 0;
        int retiredVintages = 0, writeDownVintages = 0, kept = 0;
        for (var i = 0; i < Fleet.Count; i++)
        {
            var v = Fleet[i];
            var age = step - v.InstalledStep;
            if (age >= economicMonths)
            {
                InstalledH100e -= v.H100e;
                InstalledKw -= v.KwTotal;
                RetiredThisStep += v.H100e;
                retiredBook += v.BookValueUsdBn;
                retiredVintages++;
                continue;
            }
            Fleet[kept++] = v;
            v.BookValueUsdBn = Math.Max(0, v.BookValueUsdBn - v.CostUsdBn / accountingMonths);
            if (!checkValue || v.BookValueUsdBn <= 0) continue;
            var remainingHours = (economicMonths - age) * Clock.HoursPerMonth;
            var margin = Math.Max(0, World.Market.GpuHourPrice - World.Trends.PowerCostPerH100eHour(v.KwPerH100e));
            var valueInUse = 0.6 * margin * remainingHours * v.H100e * utilization / 1e9;
            if (valueInUse < 0.8 * v.BookValueUsdBn)
            {
                writtenDown += v.BookValueUsdBn - valueInUse;
                writtenDownH100e += v.H100e;
                writeDownVintages++;
                v.BookValueUsdBn = valueInUse;
            }
        }
        Fleet.RemoveRange(kept, Fleet.Count - kept);
        if (InstalledH100e < 1e-6) InstalledH100e = InstalledKw = 0;
        WriteDownsUsdBn += retiredBook + writtenDown;
        if (retiredVintages > 0)
            World.Events.Add(Name, "Retirement", "", retiredBook, "EconomicLife", $"h100e={RetiredThisStep:F0} vintages={retiredVintages}");
        if (writeDownVintages > 0)
            World.Events.Add(Name, "WriteDown", "", writtenDown, "ValueInUse", $"h100e={writtenDownH100e:F0} vintages={writeDownVintages}");
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
        SpotAndDirectH100eAverage += (spotAndDirectH100e - SpotAndDirectH100eAverage) / 3;

    /// <summary>
    /// Power for the accelerators in use, AI operating costs, the non-AI business (exogenous revenue, costs and capex
    /// so that company totals match capex_cash 2022-2024), the parent's other cash flow, and interest.
    /// </summary>
    public void PayCosts()
    {
        var years = World.Clock.YearsSinceStart;
        var power = UsedH100e * World.Trends.PowerCostPerH100eHour(InstalledH100e > 0 ? InstalledKw / InstalledH100e : 1) * Clock.HoursPerMonth / 1e9;
        PaySupplier(power + 0.08 * AiRevenue);
        var otherRevenue = _o.OtherCloudRevenueUsdBn / 12 * Math.Pow(1 + _o.OtherCloudRevenueGrowth, years);
        World.Ledger.Pay(World.External(ExternalAccount.EndUsers), Account, otherRevenue);
        Revenue += otherRevenue;
        PaySupplier(0.7 * otherRevenue);
        var nonAiCapex = _o.NonAiCapexUsdBn / 12 * Math.Pow(1 + _o.NonAiCapexGrowth, years);
        PaySupplier(nonAiCapex);
        Capex += nonAiCapex;
        World.Ledger.Pay(World.External(ExternalAccount.OtherBusiness), Account, _o.OtherOperatingCashFlowUsdBn / 12 * Math.Pow(1.08, years));
        PayInterest(World.Market.RiskFreeRate + (IsNeocloud ? World.Market.NeocloudSpread : World.Market.InvestmentGradeSpread));
        var aiCashFlow = AiRevenue - power - 0.08 * AiRevenue;
        var cohortShare = CohortShareOfFleet();
        if (cohortShare > 0) CohortCashFlow[World.Clock.Step] += cohortShare * aiCashFlow;
    }

    private double CohortShareOfFleet()
    {
        if (InstalledH100e <= 0) return 0;
        double cohort = 0;
        foreach (var v in Fleet) if (v.InCohort) cohort += v.H100e;
        return cohort / InstalledH100e;
    }

    /// <summary>
    /// Keeps a cash buffer by borrowing. Hyperscalers always can; a neocloud only while lenders are willing
    /// (sentiment) and its debt stays within its leverage on contracted revenue. One that cannot pay defaults.
    /// </summary>
    public void Finance()
    {
        if (IsDefaulted) return;
        var buffer = IsNeocloud ? 0.5 + 0.05 * RevenueRunRate : 2 + 0.05 * RevenueRunRate;
        if (Cash < buffer)
        {
            var need = buffer - Cash;
            if (!IsNeocloud) Borrow(need, "CashBuffer");
            else
            {
                var backlog = _contracts.Sum(c => c.VolumeH100e * c.PricePerH100eHour * Clock.HoursPerMonth * Math.Max(0, c.EndStep - World.Clock.Step)) / 1e9;
                var limit = World.Scenario.Finance.Leverage * (backlog + 3 * RevenueRunRate);
                if (World.Market.Sentiment >= 0.45 && Debt + need <= limit) Borrow(need, "LeveragedBorrowing");
                else if (Cash < 0) Default("NeocloudInsolvency");
            }
        }
        else if (Debt > 0 && Cash > 3 * buffer) Repay(Cash - 2 * buffer);
    }

    /// <summary>A neocloud that cannot pay: its contracts end, its fleet is taken by lenders and leaves the market.</summary>
    public void Default(string rule)
    {
        IsDefaulted = true;
        World.Events.Add(Name, "Default", "Lenders", Debt, rule, $"cash={Cash:F2}");
        foreach (var c in _contracts)
        {
            c.Break();
            World.Events.Add(Name, "ContractBroken", c.Lab.Name, c.ValueUsdBn, rule, "");
        }
        foreach (var v in Fleet) RetiredThisStep += v.H100e;
        Fleet.Clear();
        InstalledH100e = InstalledKw = 0;
        if (Cash < 0) World.Ledger.Pay(World.External(ExternalAccount.Lenders), Account, -Cash);
        Debt = 0;
        World.RegisterDefault();
    }

    /// <summary>A lab that defaulted broke this contract: the cloud keeps the capacity and loses the revenue.</summary>
    internal void LoseContract(ComputeContract contract) => World.Events.Add(Name, "ContractBroken", contract.Lab.Name, contract.ValueUsdBn, "LabDefault", "");

    public void Record()
    {
        RecordMoney();
        LastUtilization = Utilization;
        var m = World.Metrics;
        m.Set(_installedMetric, InstalledH100e);
        m.Set(_mwMetric, PoweredMw);
        m.Set(_utilMetric, Utilization);
        m.Set(_aiCapexMetric, AiCapex);
        m.Set(_directMetric, DirectAiRevenue);
    }
}
