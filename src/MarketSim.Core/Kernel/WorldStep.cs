namespace MarketSim.Core.Kernel;

public sealed partial class World
{
    private double _openingTokenPrice;

    /// <summary>
    /// One month, in the documented order (MODEL.md, "Order of a step"): scheduled shocks and deals; prices;
    /// demand; contracts; capacity plans; deliveries; retirements; funding; the compute market; costs; financing;
    /// sentiment; records and conservation checks.
    /// </summary>
    internal void Step()
    {
        Schedule.Fire();
        foreach (var c in Chipmakers) c.BeginStep();
        foreach (var c in Clouds) c.BeginStep();
        foreach (var l in Labs) l.BeginStep();
        var openingInstalled = InstalledH100e();

        foreach (var c in Chipmakers) { c.SetPrices(); c.PlanProduction(); }
        foreach (var l in Labs) l.SetPrices();
        if (_openingTokenPrice <= 0) _openingTokenPrice = Math.Max(AverageTokenPrice(), 1e-9);
        var directSpend = AllocateDemand();
        foreach (var l in Labs) l.SignContracts();

        foreach (var c in Clouds) { c.BuildShells(); c.PlanCapacity(); }
        Power.Settle((cloud, mw) => cloud.StartShell(mw));
        foreach (var c in Chipmakers) c.OrderForOtherBuyers();
        foreach (var c in Chipmakers) c.Deliver();
        foreach (var c in Clouds) c.RetireAndDepreciate();

        foreach (var l in Labs) l.RaiseFunding();
        var endUserRevenue = ClearComputeMarket(directSpend);
        foreach (var l in Labs) { l.PayCosts(); l.SettleOrDefault(); }
        foreach (var c in Clouds) { c.PayCosts(); c.Finance(); }
        foreach (var c in Chipmakers) c.PayCosts();

        Market.TokenPrice = AverageTokenPrice();
        Market.UpdateSentiment(endUserRevenue, Scenario.Demand.InitialSpendUsdBn / 12, Scenario.Finance.ExpectedRevenueGrowth);
        Record(endUserRevenue);
        StepCheck.Verify(this, openingInstalled);
        Clock.Advance();
    }

    public double InstalledH100e() => Clouds.Sum(c => c.InstalledH100e);

    /// <summary>
    /// End users spend what the demand population decides; a share rents compute from clouds directly, the rest
    /// goes to labs by logit shares on capability (relative to the frontier), brand and price.
    /// </summary>
    private double AllocateDemand()
    {
        var active = Labs.Where(l => !l.IsDefaulted).ToList();
        foreach (var l in Labs) l.SpendDemanded = 0;
        if (active.Count == 0) return 0;
        var frontier = active.Max(l => l.Capability);
        var average = Math.Max(Market.TokenPrice, 1e-9);
        var priceIndex = average / _openingTokenPrice;
        var spend = Demand.Step(frontier, priceIndex, Clock.YearsSinceStart);
        var direct = spend * Scenario.Demand.DirectComputeShare;
        var toLabs = spend - direct;
        Span<double> weight = stackalloc double[active.Count];
        double total = 0;
        for (var i = 0; i < active.Count; i++)
        {
            var l = active[i];
            weight[i] = l.Options.Brand * l.Options.Monetization * Math.Exp(1.5 * (l.Capability - frontier))
                * Math.Pow(Math.Max(l.TokenPrice, 1e-9) / average, -0.7);
            total += weight[i];
        }
        for (var i = 0; i < active.Count; i++) active[i].SpendDemanded = total > 0 ? toLabs * weight[i] / total : 0;
        return direct;
    }

    private void Record(double endUserRevenue)
    {
        foreach (var c in Chipmakers) c.Record();
        foreach (var c in Clouds) c.Record();
        foreach (var l in Labs) l.Record();
        var stranded = Clouds.Sum(c => Math.Max(0, c.PoweredMw - c.InstalledKw * c.Utilization / 1000));
        Market.Record(Market.TokenPrice, endUserRevenue, CahnRequiredRevenueAt(Clock.Step), stranded);
    }

    /// <summary>
    /// Sequoia's method on the chipmakers' recorded data-center revenue of the three months ending at a step,
    /// annualised (fewer months at the start of a run, scaled up).
    /// </summary>
    public double CahnRequiredRevenueAt(int step)
    {
        var quarter = 0.0;
        var months = 0;
        for (var k = Math.Max(0, step - 2); k <= step; k++, months++)
            foreach (var c in Chipmakers) quarter += Metrics.Values(c.RevenueHandle)[k];
        var a = Scenario.Analysis;
        return Summary.RevenueGap.CahnRequiredRevenue(12.0 / months * quarter, a.CahnChipShareOfCost, a.CahnEndUserGrossMargin);
    }
}
