using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        DepreciateShells();
        var reviews = Rules.WriteDown.ReviewsThisMonth(context);
        // The baseline rules are answered without a call through their interfaces per vintage; any other rule, a
        // rule of one's own included, is asked through them.
        var month = BuiltInFleetReview.Applies(Rules)
            ? ReviewFleet(new BuiltInFleetReview(this, context), reviews)
            : ReviewFleet(new RuleFleetReview(this, context), reviews);
        VintagesRemoved += month.RetiredVintages;
        DepreciationUsdBn = month.Depreciated;
        // An empty fleet is exactly none: what the subtractions leave is round-off. A fleet still standing keeps its
        // whole size, however small (snapping below 1e-6 H100e lost compute that was never retired).
        if (_fleet.Count == 0) InstalledH100e = InstalledKw = 0;
        WriteDownsUsdBn += month.RetiredBook + month.WrittenDown;
        if (month.RetiredVintages > 0)
            World.Events.Add(Name, "Retirement", "", month.RetiredBook, Rules.Retirement.Name, $"h100e={RetiredThisStep:F0} vintages={month.RetiredVintages}");
        if (month.WriteDownVintages > 0)
            World.Events.Add(Name, "WriteDown", "", month.WrittenDown, Rules.WriteDown.Name, $"h100e={month.WrittenDownH100e:F0} vintages={month.WriteDownVintages}");
    }

    /// <summary>What a month's walk of the fleet retired, depreciated and wrote down.</summary>
    private struct FleetMonth
    {
        public double RetiredBook, WrittenDown, WrittenDownH100e, Depreciated;
        public int RetiredVintages, WriteDownVintages;
    }

    /// <summary>
    /// The month's walk of the fleet, vintage by vintage in install order: the months below cash cost, retirement,
    /// the shell charge and straight-line depreciation; then, in months the rule reviews, the write-down of each
    /// vintage still in service, in the same order. A vintage's figures depend on its own state and on what is the same
    /// for the whole month, so asking the write-down rule in a walk of its own gives what asking it in this one would.
    /// </summary>
    private FleetMonth ReviewFleet<TReview>(TReview review, bool reviews) where TReview : struct, IFleetReview
    {
        var month = RetireAndDepreciateVintages(review);
        if (month.RetiredVintages > 0) MoveRetired();
        if (reviews) WriteDown(review, ref month);
        return month;
    }

    /// <summary>
    /// The walk itself, a method of its own with no call in it: the compiler then keeps the month's sums and the
    /// review's figures in registers. With a call after the loop in the same method (or the sums in a struct of six
    /// fields) it kept them in memory, and each addition waited on the store of the one before.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private FleetMonth RetireAndDepreciateVintages<TReview>(TReview review) where TReview : struct, IFleetReview
    {
        var step = World.Clock.Step;
        var rent = RentOutlook.CurrentRent(World.Context);
        var accountingMonths = World.Scenario.Hardware.DepreciationLifeYears * 12;
        var shellCharge = ShellChargePerMwUsdBn;
        var cohortShellCharge = CohortShellChargeByStep[step];
        double retiredBook = 0, depreciated = 0;
        var retiredVintages = 0;
        foreach (var v in CollectionsMarshal.AsSpan(_fleet))
        {
            v.MonthsBelowCashCost = rent < v.CashCostPerH100eHour ? v.MonthsBelowCashCost + 1 : 0;
            if (review.Retires(v))
            {
                InstalledH100e -= v.H100e;
                InstalledKw -= v.KwTotal;
                RetiredThisStep += v.H100e;
                retiredBook += v.BookValueUsdBn;
                retiredVintages++;
                v.RetiredStep = step;
                continue;
            }
            // A vintage in service carries the shell charge of the MW it occupies.
            v.ShellChargeUsdBnPerMonth = v.Mw * shellCharge;
            if (v.InCohort) cohortShellCharge += v.ShellChargeUsdBnPerMonth;
            var depreciation = Math.Min(v.BookValueUsdBn, v.StraightLineUsdBn(accountingMonths));
            depreciated += depreciation;
            v.BookValueUsdBn -= depreciation;
        }
        CohortShellChargeByStep[step] = cohortShellCharge;
        return new FleetMonth { RetiredBook = retiredBook, RetiredVintages = retiredVintages, Depreciated = depreciated };
    }

    /// <summary>Moves the vintages the walk retired from the fleet to the retired, each list keeping its order.</summary>
    private void MoveRetired()
    {
        var fleet = CollectionsMarshal.AsSpan(_fleet);
        var kept = 0;
        // The vintages before the first one retired stay where they are.
        while (fleet[kept].RetiredStep is null) kept++;
        // Each run of vintages still serving moves down in one block copy: storing them one by one cost a write
        // barrier each, for every vintage after the first retired, in most months.
        var i = kept;
        var before = 0;
        while (i < fleet.Length)
        {
            for (; i < fleet.Length && fleet[i].RetiredStep is not null; i++)
            {
                _retired.Add(fleet[i]);
                before += i < _inStepOrderFrom ? 1 : 0;
            }
            var serving = i;
            while (i < fleet.Length && fleet[i].RetiredStep is null) i++;
            fleet[serving..i].CopyTo(fleet[kept..]);
            kept += i - serving;
        }
        _fleet.RemoveRange(kept, _fleet.Count - kept);
        _inStepOrderFrom -= before;
    }

    /// <summary>The write-down rule's review of every vintage in service, in install order.</summary>
    private void WriteDown<TReview>(TReview review, ref FleetMonth month) where TReview : struct, IFleetReview
    {
        // Summed in locals, not through the reference: each addition would otherwise wait on the store of the last.
        double writtenDown = 0, writtenDownH100e = 0;
        var vintages = 0;
        foreach (var v in CollectionsMarshal.AsSpan(_fleet))
        {
            if (review.WriteDownTo(v) is not { } value) continue;
            writtenDown += v.BookValueUsdBn - value;
            writtenDownH100e += v.H100e;
            vintages++;
            v.BookValueUsdBn = value;
        }
        (month.WrittenDown, month.WrittenDownH100e, month.WriteDownVintages) = (writtenDown, writtenDownH100e, vintages);
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
        var fleet = CollectionsMarshal.AsSpan(_fleet);
        double h1 = 0, kw1 = 0, h2 = 0, kw2 = 0;
        var ordered = Math.Min(_inStepOrderFrom, fleet.Length);
        foreach (var v in fleet[..ordered])
        {
            if (first.Serves(v, firstStep)) { h1 += v.H100e; kw1 += v.KwTotal; }
            if (second.Serves(v, secondStep)) { h2 += v.H100e; kw2 += v.KwTotal; }
        }
        // From there the fleet is in install step order, so the vintages young enough to serve at a horizon are those
        // from some point on; the walk starts there and asks each only about its cash cost. Those it skips would add
        // nothing to the sums, so they are the sums of the vintages each outlook serves, to the bit.
        var (youngFirst, youngSecond) = (FirstYoungEnough(fleet, ordered, first, firstStep), FirstYoungEnough(fleet, ordered, second, secondStep));
        // Where only one horizon serves by age, then where both do: each sum still takes its vintages in fleet order.
        var both = Math.Max(youngFirst, youngSecond);
        for (var k = youngFirst; k < both; k++)
            if (first.CheapEnough(fleet[k])) { h1 += fleet[k].H100e; kw1 += fleet[k].KwTotal; }
        for (var k = youngSecond; k < both; k++)
            if (second.CheapEnough(fleet[k])) { h2 += fleet[k].H100e; kw2 += fleet[k].KwTotal; }
        foreach (var v in fleet[both..])
        {
            if (first.CheapEnough(v)) { h1 += v.H100e; kw1 += v.KwTotal; }
            if (second.CheapEnough(v)) { h2 += v.H100e; kw2 += v.KwTotal; }
        }
        return ((h1, kw1), (h2, kw2));
    }

    /// <summary>The first vintage from <paramref name="lo"/> young enough to serve at a step; from there age falls along the fleet.</summary>
    private static int FirstYoungEnough(ReadOnlySpan<Vintage> fleet, int lo, ServiceOutlook outlook, int atStep)
    {
        var hi = fleet.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (outlook.YoungEnough(fleet[mid], atStep)) hi = mid; else lo = mid + 1;
        }
        return lo;
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
        var otherRevenue = _o.OtherCloudRevenueUsdBn / 12 * World.Recent.Pow(1 + _o.OtherCloudRevenueGrowth, years);
        World.Ledger.Pay(World.External(ExternalAccount.EndUsers), Account, otherRevenue);
        Revenue += otherRevenue;
        PaySupplier(_o.OtherCostShare * otherRevenue);
        var nonAiCapex = _o.NonAiCapexUsdBn / 12 * World.Recent.Pow(1 + _o.NonAiCapexGrowth, years);
        PaySupplier(nonAiCapex);
        Capex += nonAiCapex;
        var openingOtherCashFlow = _o.OtherOperatingCashFlowUsdBn / 12;
        var otherCashFlow = openingOtherCashFlow * World.Recent.Pow(1 + _o.OtherCashFlowGrowth, years);
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
