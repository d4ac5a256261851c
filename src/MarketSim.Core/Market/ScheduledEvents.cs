using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Market;

/// <summary>
/// Shocks a user switched on, and the preset of deals announced in 2025, each fired at the start of its month.
/// </summary>
internal sealed class ScheduledEvents
{
    /// <summary>
    /// The compute contracts announced in 2025 (compute_commitment_usd rows): lab, cloud, value in USD bn, month
    /// signed, months until the first month of service, and term. Terms not published are assumptions (see MODEL.md).
    /// </summary>
    public static readonly (string Lab, string Cloud, double UsdBn, YearMonth Signed, int StartIn, int Months)[] AnnouncedDeals =
    [
        ("OpenAI", "CoreWeave", 11.9, new(2025, 3), 1, 60),
        ("OpenAI", "CoreWeave", 4.0, new(2025, 5), 3, 60),
        ("OpenAI", "Oracle", 300, new(2025, 9), 16, 60),
        ("OpenAI", "CoreWeave", 6.5, new(2025, 9), 6, 60),
        ("OpenAI", "Microsoft", 250, new(2025, 10), 3, 84),
        ("OpenAI", "AWS", 38, new(2025, 11), 1, 84),
        ("Anthropic", "Microsoft", 30, new(2025, 11), 2, 60),
        ("Anthropic", "Google", 50, new(2025, 10), 3, 60),
    ];

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
        if (world.Scenario.Deals.AnnouncedPreset)
            foreach (var deal in AnnouncedDeals)
                AddDeal(deal.Lab, deal.Cloud, deal.UsdBn, deal.Signed, deal.StartIn, deal.Months);
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

    private void AddDeal(string labName, string cloudName, double usdBn, YearMonth signed, int startIn, int months)
    {
        var lab = _world.Labs.FirstOrDefault(l => l.Name == labName);
        var cloud = _world.CloudNamed(cloudName);
        var step = _world.Clock.StepOf(signed);
        if (lab is null || cloud is null || step < 0 || step >= _world.Clock.Horizon) return;
        _items.Add((step, "AnnouncedDeal", () =>
        {
            if (lab.IsDefaulted || cloud.IsDefaulted) return;
            var price = _world.ContractDesk.Quote(cloud);
            var volume = usdBn * 1e9 / (price * Clock.HoursPerMonth * (months - _world.Scenario.Procurement.RampMonths / 2.0));
            _world.ContractDesk.Sign(lab, new ContractRequest(cloud, volume, startIn, months), "AnnouncedDeal", price);
        }));
    }
}
