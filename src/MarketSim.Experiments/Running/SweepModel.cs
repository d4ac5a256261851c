using MarketSim.Core.Results;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments.Running;

/// <summary>The model a sweep runs, loaded the same way in the sweep's process and in every worker process.</summary>
public static class SweepModel
{
    /// <summary>The spec's scenario with the built-in rules (slowed down when MARKETSIM_SWEEP_RUN_DELAY_MS is set).</summary>
    public static IRunModel Load(SweepSpec spec)
    {
        IRunModel model = ScenarioRunModel.Load(spec.ScenarioToLoad);
        var delay = RunDelay();
        return delay > 0 ? new DelayedRunModel(model, delay) : model;
    }

    // MARKETSIM_SWEEP_RUN_DELAY_MS slows every run down, to rehearse interruption and --resume on a fast model.
    private static int RunDelay() =>
        int.TryParse(Environment.GetEnvironmentVariable("MARKETSIM_SWEEP_RUN_DELAY_MS"), out var ms) && ms > 0 ? ms : 0;

    // Slows the runs and changes nothing else: the same scenario hash (so a delayed worker serves an undelayed sweep,
    // and the manifest is the one the sweep would write) and the same outline.
    private sealed class DelayedRunModel(IRunModel inner, int delayMs) : IRunModel
    {
        public void Check(IReadOnlyList<KeyValuePair<string, string>> overrides) => inner.Check(overrides);

        public string? ScenarioSha256 => inner.ScenarioSha256;

        public RunResult? Outline(IReadOnlyList<KeyValuePair<string, string>> overrides) => inner.Outline(overrides);

        public RunResult Run(IReadOnlyList<KeyValuePair<string, string>> overrides, int seed)
        {
            Thread.Sleep(delayMs);
            return inner.Run(overrides, seed);
        }
    }
}
