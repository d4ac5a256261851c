using System.Globalization;
using MarketSim.Core;
using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

/// <summary>The market-clearing rent: it falls towards cash cost in a glut, rises in a shortage, and clouds earn it.</summary>
public class RentTests
{
    // Two clouds open with 60 million H100e each, about twenty times what anyone asks for.
    private static readonly string[] Glut = ["Clouds:AWS:InstalledH100e=60000000", "Clouds:Microsoft:InstalledH100e=60000000"];
    // Ten times the end-user spend and no new grid power: far more demand than compute.
    private static readonly string[] Shortage = ["Demand:InitialSpendUsdBn=300", "Demand:AddressableSpendUsdBn=2000", "Power:RegionalAdditionsMwPerYear=0"];

    private static Simulation Stepped(int months, params string[] overrides)
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, overrides), 1);
        for (var i = 0; i < months; i++) sim.StepOnce();
        return sim;
    }

    private static double[] Rent(RunResult r) => r.Series.Single(s => s.Agent == "Market" && s.Metric == "gpu_hour_price_usd").Values;
    private static double Rent(RunResult r, int step) => Rent(r)[step];

    [Fact]
    public void In_a_glut_the_rent_falls_to_the_cash_cost_of_the_accelerators_on_offer()
    {
        var world = Stepped(6, Glut).World;
        var costs = world.Clouds.SelectMany(c => c.Fleet).Select(v => v.CashCostPerH100eHour).ToArray();
        var rent = world.Market.GpuHourPrice;
        Assert.InRange(rent, costs.Min(), 1.1 * costs.Max());
        Assert.True(Stepped(6).World.Market.GpuHourPrice > 5 * rent);
    }

    [Fact]
    public void A_rent_that_clears_at_once_reaches_the_cash_cost_in_the_first_month_of_a_glut()
    {
        var world = Stepped(1, [.. Glut, "Market:RentAdjustmentShare=1"]).World;
        var costs = world.Clouds.SelectMany(c => c.Fleet).Select(v => v.CashCostPerH100eHour).ToArray();
        Assert.InRange(world.Market.GpuHourPrice, costs.Min(), costs.Max());
    }

    [Fact]
    public void In_a_shortage_the_rent_rises()
    {
        static double[] FirstYear(params string[] overrides) =>
            Rent(Simulation.Create(ScenarioLoader.Load(null, [.. overrides, "Clock:End=2025-12"]), 1).Run());
        var opening = ScenarioLoader.Load(null, []).Hardware.OpeningGpuHourPrice;
        var shortage = FirstYear(Shortage);
        var baseline = FirstYear();
        // The rent climbs month after month while demand exceeds what can be offered, well above the baseline's.
        Assert.All(Enumerable.Range(1, shortage.Length - 1), t => Assert.True(shortage[t] > shortage[t - 1]));
        Assert.True(shortage[^1] > 1.3 * opening, $"rent {shortage[^1]} after a year of shortage, opening {opening}");
        Assert.True(shortage.Average() > 1.15 * baseline.Average(), $"mean rent {shortage.Average()} in a shortage, {baseline.Average()} in the baseline");
    }

    [Fact]
    public void The_cost_plus_alternative_ignores_the_glut()
    {
        var costPlus = Stepped(6, [.. Glut, "Policies:SpotPrice=CostPlusRent", "Policies:ContractQuote=FullCostQuote"]).World;
        var clearing = Stepped(6, Glut).World;
        Assert.True(costPlus.Market.GpuHourPrice > 3 * clearing.Market.GpuHourPrice);
    }

    [Fact]
    public void New_contracts_are_quoted_at_the_market_rent_less_the_term_discount()
    {
        var r = Simulation.Create(ScenarioLoader.Load(null, []), 1).Run();
        var discount = ScenarioLoader.Load(null, []).Procurement.ContractDiscount;
        var signed = r.Events.Where(e => e.Event == "ContractSigned" && e.Detail.StartsWith("rule=MultiCloudProcurement")).ToList();
        Assert.NotEmpty(signed);
        foreach (var e in signed)
        {
            var price = double.Parse(e.Detail.Split(' ').Single(p => p.StartsWith("price="))["price=".Length..], CultureInfo.InvariantCulture);
            // Signed before the month's market clears, so at last month's rent; the detail rounds to the cent.
            var rent = e.Step == 0 ? ScenarioLoader.Load(null, []).Hardware.OpeningGpuHourPrice : Rent(r, e.Step - 1);
            Assert.Equal(rent * (1 - discount), price, 0.0051);
        }
    }

    [Fact]
    public void Clouds_earn_what_the_market_pays()
    {
        // What clouds are paid for AI compute (labs' compute bills and direct rentals) per H100e-hour they serve, first two years.
        static double PaidPerHourServed(RunResult r)
        {
            double Sum(string kind, string metric) => r.Series.Where(s => s.Kind == kind && s.Metric == metric).Sum(s => s.Values.Take(24).Sum());
            var paid = Sum("lab", "compute_cost_usd_bn") + Sum("cloud", "direct_ai_revenue_usd_bn");
            var served = r.Series.Where(s => s.Kind == "cloud" && s.Metric == "utilization").Sum(u =>
                u.Values.Take(24).Select((v, t) => v * r.Series.Single(s => s.Agent == u.Agent && s.Metric == "installed_compute_h100e").Values[t]).Sum());
            return paid * 1e9 / (served * 730);
        }
        var glut = PaidPerHourServed(Simulation.Create(ScenarioLoader.Load(null, Glut), 1).Run());
        var baseline = PaidPerHourServed(Simulation.Create(ScenarioLoader.Load(null, []), 1).Run());
        // Twenty times the compute: buyers pay the glut's rent for the hours they take, not the baseline's.
        Assert.True(glut < 0.2 * baseline, $"{glut} vs {baseline} USD per H100e-hour served");
    }
}
