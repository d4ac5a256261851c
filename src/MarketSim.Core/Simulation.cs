using MarketSim.Core.Engine;
using MarketSim.Core.Results;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;
using MarketSim.Core.Summary;

namespace MarketSim.Core;

/// <summary>The entry point: <c>Simulation.Create(scenario, seed).Run()</c>, or with a catalogue of rules of your own.</summary>
public sealed class Simulation
{
    private readonly World _world;

    private Simulation(World world) => _world = world;

    /// <summary>
    /// Builds the world of a scenario (agents, opening balances and contracts, demand population, schedule) with the
    /// rules of a catalogue (<see cref="RuleCatalog.BuiltIn"/> by default). A scenario that names a rule the
    /// catalogue does not hold is refused with a <see cref="ScenarioException"/> naming the key.
    /// </summary>
    public static Simulation Create(Scenario scenario, int seed, RuleCatalog? rules = null)
    {
        if (seed < 0) throw new ScenarioException($"--seed: {seed} is out of range; allowed 0 to {int.MaxValue}");
        rules ??= RuleCatalog.BuiltIn;
        rules.Check(scenario);
        return new Simulation(new World(scenario, seed, rules));
    }

    /// <summary>The world, for tests and notebooks that inspect agents between steps.</summary>
    public World World => _world;

    /// <summary>
    /// Steps the world to the end of the scenario's clock and returns everything it recorded. If the 2026-2027 cohort
    /// still has accelerators in service then, the world goes on, unrecorded, until the last of them retires, so that
    /// the cohort is valued over its whole life whatever <c>Clock:End</c> is.
    /// </summary>
    public RunResult Run()
    {
        while (_world.Clock.Step < _world.Clock.Steps) _world.Step();
        var atEnd = RunSummary.Snapshot.Of(_world);
        while (_world.Clock.Step < _world.Clock.Horizon && _world.Cohort.StillInService) _world.Step();
        var result = new RunResult(_world.Scenario.Name, _world.Seed, _world.Clock.Dates, _world.Metrics.Series,
            _world.Events.Events, RunSummary.Compute(_world, atEnd)).OfWorld(_world);
        _world.Finish();
        return result;
    }

    /// <summary>Advances one recorded month; for step-by-step inspection.</summary>
    public bool StepOnce()
    {
        if (_world.Clock.Step >= _world.Clock.Steps) return false;
        _world.Step();
        return true;
    }
}
