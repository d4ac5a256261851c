using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Market;

/// <summary>
/// Shocks a user switched on, each fired at the start of its month (announced deals: <see cref="DealDesk"/>).
/// </summary>
internal sealed class ScheduledEvents
{
    private readonly World _world;
    private readonly List<(int Step, string Name, Action Fire)> _items = [];

    public ScheduledEvents(World world)
    {
        _world = world;
        var s = world.Scenario.Shocks;
        Add(s.EfficiencyBreakthrough.Enabled, s.EfficiencyBreakthrough.Date, "EfficiencyBreakthrough", () => world.Trends.ApplyBreakthrough(s.EfficiencyBreakthrough.Factor));
        Add(s.DemandShortfall.Enabled, s.DemandShortfall.Date, "DemandShortfall", () => world.Demand.Shortfall(s.DemandShortfall.Fraction));
        Add(s.PriceWar.Enabled, s.PriceWar.Date, "PriceWar", () =>
        {
            world.Market.GpuHourPrice *= 1 - s.PriceWar.PriceCut;
            foreach (var lab in world.Labs) lab.StartPriceWar(s.PriceWar.PriceCut);
        });
        Add(s.PowerCrunch.Enabled, s.PowerCrunch.Date, "PowerCrunch", () => world.Power.Crunch(s.PowerCrunch.Fraction));
        Add(s.RateRise.Enabled, s.RateRise.Date, "RateRise", () => world.Market.RaiseRates(s.RateRise.Rise));
        if (s.LabDefault.Enabled)
        {
            var lab = world.Labs.FirstOrDefault(l => l.Name == s.LabDefault.Lab)
                ?? throw new ScenarioException($"Shocks:LabDefault:Lab: '{s.LabDefault.Lab}' is not a lab in the scenario; allowed {string.Join(", ", world.Labs.Select(l => l.Name))}");
            Add(true, s.LabDefault.Date, "LabDefault", () => lab.Default("LabDefaultShock"));
        }
        _items.Sort((a, b) => a.Step.CompareTo(b.Step));
    }

    public void Fire()
    {
        foreach (var item in _items)
            if (item.Step == _world.Clock.Step) item.Fire();
    }

    private void Add(bool enabled, YearMonth date, string name, Action action)
    {
        var step = _world.Clock.StepOf(date);
        if (!enabled || step < 0 || step >= _world.Clock.Horizon) return;
        _items.Add((step, name, () =>
        {
            _world.Events.Add("Market", "ShockFired", "", 0, name, $"date={date}");
            action();
        }));
    }
}
