using MarketSim.Core.Market;

namespace MarketSim.Core.Engine;

/// <summary>
/// The order of one month (MODEL.md, "Order of a step"): scheduled shocks and deals; prices; demand; contracts;
/// capacity plans; deliveries (and the cohort's capex); retirements; funding; the compute market; costs and financing
/// (and the cohort's share of the month); sentiment; records and conservation checks. Each line names a step; agents
/// and the market's institutions do the work.
/// </summary>
internal sealed class MonthlyStep(World world)
{
    public void Run()
    {
        world.Schedule.Fire();
        world.Deals.Fire();
        var openingInstalled = BeginMonth();
        SetPrices();
        var directSpend = world.DemandAllocation.Allocate();
        foreach (var l in world.Labs) l.SignContracts();
        PlanAndBuildCapacity();
        foreach (var c in world.Chipmakers) c.Deliver();
        world.Cohort.RecordDeliveries();
        foreach (var c in world.Clouds) c.RetireAndDepreciate();
        world.StructuredFinance.Settle();
        foreach (var l in world.Labs) l.RaiseFunding();
        var endUserRevenue = world.ComputeMarket.Clear(directSpend);
        world.Deals.Settle();
        PayCostsAndFinance();
        world.Cohort.RecordMonth(endUserRevenue);
        UpdateMarket(endUserRevenue);
        Record(endUserRevenue);
        StepCheck.Verify(world, openingInstalled);
        world.Clock.Advance();
    }

    /// <summary>Resets the month's flows; returns the installed compute the capacity check starts from.</summary>
    private double BeginMonth()
    {
        foreach (var c in world.Chipmakers) c.BeginStep();
        foreach (var c in world.Clouds) c.BeginStep();
        foreach (var l in world.Labs) l.BeginStep();
        return world.InstalledH100e();
    }

    private void SetPrices()
    {
        foreach (var c in world.Chipmakers) { c.SetPrices(); c.PlanProduction(); }
        foreach (var l in world.Labs) l.SetPrices();
    }

    /// <summary>Clouds pay shell instalments and plan; the grid connects what it can; chips are ordered.</summary>
    private void PlanAndBuildCapacity()
    {
        foreach (var c in world.Clouds) { c.BuildShells(); c.PlanCapacity(); }
        world.Power.Settle((cloud, mw) => cloud.StartShell(mw));
        foreach (var c in world.Chipmakers) c.OrderForOtherBuyers();
    }

    private void PayCostsAndFinance()
    {
        foreach (var l in world.Labs) { l.PayCosts(); l.SettleOrDefault(); }
        foreach (var c in world.Clouds) { c.PayCosts(); c.Finance(); }
        foreach (var c in world.Chipmakers) c.PayCosts();
    }

    private void UpdateMarket(double endUserRevenue)
    {
        var market = world.Market;
        market.TokenPrice = DemandAllocation.AverageTokenPrice(world.Labs);
        market.UpdateSentiment(endUserRevenue, world.MarketRules.Sentiment, world.Context);
    }

    private void Record(double endUserRevenue)
    {
        foreach (var c in world.Chipmakers) c.Record();
        foreach (var c in world.Clouds) c.Record();
        foreach (var l in world.Labs) l.Record();
        world.Risk.Record();
        double stranded = 0;
        foreach (var c in world.Clouds) stranded += Math.Max(0, c.PoweredMw - c.InstalledKw * c.Utilization / 1000);
        // Sequoia's arithmetic reads recorded revenue, so it is only worked out for months that are recorded.
        var required = world.Clock.IsRecording ? Summary.RevenueGap.CahnRequiredRevenueAt(world, world.Clock.Step) : 0;
        world.Market.Record(world.Market.TokenPrice, endUserRevenue, required, stranded);
    }
}
