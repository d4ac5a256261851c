using System.Collections;
using System.Reflection;
using MarketSim.Core;
using MarketSim.Core.Agents;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

public class ShellTests
{
    [Fact]
    public void Only_the_share_needing_new_grid_waits_for_it_and_each_part_is_paid_over_its_build()
    {
        // A cloud with nothing to serve and no lab's preference: it builds only the shell the test starts, from cash
        // (lenders would not finance a cloud without customers).
        var sim = Simulation.Create(ScenarioLoader.Load(null, ["Clouds:Idle:Preference=0", "Clouds:Idle:Cash=20", "Power:NewGridShare=0.25"]), 1);
        var idle = sim.World.Clouds.Single(c => c.Name == "Idle");
        var power = sim.World.Scenario.Power;
        var (build, wait) = (power.ShellBuildMonths, power.GridWaitMonths);
        idle.StartShell(400);

        var capex = new List<double>();
        var powered = new List<double>();
        while (sim.World.Clock.Step <= build + wait)
        {
            sim.StepOnce();
            capex.Add(idle.AiCapex);
            powered.Add(idle.PoweredMw);
        }
        double Instalment(double mw) => mw * power.ShellCostUsdMPerMw / 1000 / build;
        for (var step = 0; step <= build + wait; step++)
        {
            var expected = (step >= 1 && step <= build ? Instalment(300) : 0) + (step >= wait + 1 && step <= wait + build ? Instalment(100) : 0);
            Assert.Equal(expected, capex[step], 12);
            Assert.Equal(step < build ? 0 : step < build + wait ? 300 : 400, powered[step]);
        }
        Assert.Equal(400 * power.ShellCostUsdMPerMw / 1000, capex.Sum(), 9);
        Assert.Contains(sim.World.Events.Events, e => e.Agent == "Idle" && e.Event == "ShellStarted" && e.Detail.Contains("new_grid_mw=100"));
    }

    [Fact]
    public void Vintages_carry_the_shell_capital_of_the_MW_they_use_and_shells_depreciate_over_their_own_life()
    {
        // Without the deal book: vehicles build some shells for their sponsors at no cost to them (leased), so per MW
        // the sponsors' own shells would no longer all cost the same.
        var sim = Simulation.Create(ScenarioLoader.Load(null, ["Deals:Enabled=false"]), 1);
        while (sim.World.Clock.Date < new YearMonth(2027, 6)) sim.StepOnce();
        var power = sim.World.Scenario.Power;
        var lifeMonths = power.ShellLifeYears * 12;
        var perMw = power.ShellCostUsdMPerMw / 1000 / lifeMonths; // every shell costs the same per MW
        foreach (var cloud in sim.World.Clouds)
        {
            Assert.Equal(perMw, cloud.ShellChargePerMwUsdBn, 15);
            Assert.Equal(cloud.PoweredMw * perMw, cloud.ShellDepreciationUsdBn, 12);
            Assert.All(cloud.Fleet, v => Assert.Equal(v.KwTotal / 1000 * perMw, v.ShellChargeUsdBnPerMonth, 15));
            var cohort = cloud.Fleet.Where(v => v.InCohort).Sum(v => v.ShellChargeUsdBnPerMonth);
            Assert.Equal(cohort, cloud.CohortShellCharge[sim.World.Clock.Step - 1], 12);
            // The shells' book: cost less straight-line depreciation, here after 29 months for the opening shells.
            Assert.InRange(cloud.ShellBookValueUsdBn, 0, cloud.PoweredMw * power.ShellCostUsdMPerMw / 1000);
        }
        Assert.Contains(sim.World.Clouds, c => c.CohortShellCharge[sim.World.Clock.Step - 1] > 0);

        var opening = Simulation.Create(ScenarioLoader.Load(null, ["Clouds:Idle:Preference=0", "Clouds:Idle:Cash=20", "Clouds:Idle:PoweredMw=180"]), 1);
        var idle = opening.World.Clouds.Single(c => c.Name == "Idle");
        for (var month = 0; month < 24; month++) opening.StepOnce();
        Assert.Equal(180 * power.ShellCostUsdMPerMw / 1000 * (1 - 24 / lifeMonths), idle.ShellBookValueUsdBn, 9);
    }

    // A cloud keeps its shells' depreciation summed as they are powered and sums the rest again when the oldest pass
    // their life; both must give what a walk over the shells within their life gives, to the bit.
    [Fact]
    public void Shell_depreciation_is_the_walk_over_the_shells_within_their_life_as_shells_pass_it()
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, ["Power:ShellLifeYears=5"]), 1);
        var world = sim.World;
        var life = world.Scenario.Power.ShellLifeYears * 12;
        var passed = 0;
        while (sim.StepOnce())
        {
            var step = world.Clock.Step - 1;
            foreach (var cloud in world.Clouds)
            {
                double depreciation = 0, mw = 0;
                foreach (var shell in (IEnumerable)typeof(Cloud).GetField("_shells", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(cloud)!)
                {
                    var t = shell.GetType();
                    var inService = (int)t.GetProperty("InServiceStep")!.GetValue(shell)!;
                    if (step - inService >= life) { passed++; continue; }
                    depreciation += (double)t.GetProperty("CostUsdBn")!.GetValue(shell)! / life;
                    mw += (double)t.GetProperty("Mw")!.GetValue(shell)!;
                }
                Assert.Equal(BitConverter.DoubleToInt64Bits(depreciation), BitConverter.DoubleToInt64Bits(cloud.ShellDepreciationUsdBn));
                Assert.Equal(BitConverter.DoubleToInt64Bits(mw > 0 ? depreciation / mw : 0), BitConverter.DoubleToInt64Bits(cloud.ShellChargePerMwUsdBn));
            }
        }
        Assert.True(passed > 0, "some shells pass their life within the run");
    }
}
