using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using MarketSim.Core;
using MarketSim.Core.Scenarios;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketSim.Cli.Commands;

/// <summary><c>marketsim bench</c>: how fast one simulation runs, in memory, with nothing written.</summary>
internal static class BenchCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    // Warm-up runs between two readings of the JIT's count of compiled methods.
    private const int SettleBatch = 20;

    public static Command Create(TextWriter stdout, TextWriter stderr) => Create(stdout, stderr, NullLogger.Instance);

    public static Command Create(TextWriter stdout, TextWriter stderr, ILogger logger)
    {
        var runsOption = WholeNumberOption.Create("--runs", "Measured runs (seeds seed .. seed+runs-1)", 100, 1);
        var warmupOption = WholeNumberOption.Create("--warmup", "Unmeasured runs first, so the JIT has compiled the hot paths", 20, 0);
        var maxWarmupOption = WholeNumberOption.Create("--max-warmup",
            "Warm-up goes on past --warmup, a batch at a time, until a batch compiles no method; at most this many runs", 2000, 0);
        var scenarioOption = ScenarioArguments.Scenario();
        var seedOption = ScenarioArguments.Seed();
        var command = new Command("bench", "Time the simulation: wall and CPU ms per run, runs/s, agent-steps/s, MB allocated per run")
        {
            runsOption, warmupOption, maxWarmupOption, scenarioOption, seedOption,
        };
        command.SetAction(parse => ExitCodes.Guard(stderr, () =>
        {
            var (runs, warmup) = (parse.GetValue(runsOption), parse.GetValue(warmupOption));
            var maxWarmup = Math.Max(warmup, parse.GetValue(maxWarmupOption));
            CheckSeedRoom(parse, seedOption, runs, warmup);
            var scenario = ScenarioLoader.Load(parse.GetValue(scenarioOption), []);
            var measurement = Measure(scenario, parse.GetValue(seedOption), runs, warmup, maxWarmup);
            logger.LogDebug("bench {Scenario}: {Runs} runs in {Ms} ms", scenario.Name, measurement.Runs, measurement.WallMs);
            measurement.Write(stdout);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Seeds run from seed to seed + max(runs, warmup) - 1; a seed that leaves no room is refused as typed.</summary>
    private static void CheckSeedRoom(ParseResult parse, Option<int> seedOption, int runs, int warmup)
    {
        var seed = parse.GetValue(seedOption);
        var room = Math.Max(runs, warmup);
        if ((long)seed + room - 1 <= int.MaxValue) return;
        var typed = parse.GetResult(seedOption)?.Tokens.FirstOrDefault()?.Value ?? seed.ToString(Invariant);
        throw new UsageException($"--seed: {typed} is out of range with --runs {runs} and --warmup {warmup}; " +
            $"allowed 0 to {int.MaxValue - room + 1} (the runs use seeds seed to seed+{room - 1})");
    }

    private static Measurement Measure(Scenario scenario, int seed, int runs, int warmup, int maxWarmup)
    {
        // The warm-up lets the tiered JIT compile and then recompile the hot paths (a method is promoted after 30 calls
        // and a pause in new compilations), so it goes on until a whole batch compiles nothing; the extra runs reuse
        // the measured seeds. The measured runs use seeds seed .. seed+runs-1.
        var steps = 0;
        var warmed = 0;
        for (; warmed < warmup; warmed++) steps = RunAndRecycle(scenario, seed + warmed);
        while (warmed < maxWarmup)
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            for (var i = 0; i < SettleBatch && warmed < maxWarmup; i++, warmed++)
                steps = RunAndRecycle(scenario, seed + warmed % runs);
            if (JitInfo.GetCompiledMethodCount() == compiled) break;
        }

        var jitBefore = JitInfo.GetCompiledMethodCount();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++) steps = RunAndRecycle(scenario, seed + i);
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var jitted = JitInfo.GetCompiledMethodCount() - jitBefore;

        var agents = scenario.Chipmakers.Count + scenario.Clouds.Count + scenario.Labs.Count + scenario.Demand.Buyers;
        return new Measurement(scenario.Name, seed, runs, warmed, steps, agents, clock.Elapsed.TotalMilliseconds, cpu.TotalMilliseconds, allocated, jitted);
    }

    /// <summary>One run, its months counted; its result is recycled, as a sweep's worker recycles a rendered run.</summary>
    private static int RunAndRecycle(Scenario scenario, int seed)
    {
        var result = Simulation.Create(scenario, seed).Run();
        var steps = result.Dates.Count;
        result.Recycle();
        return steps;
    }

    private sealed record Measurement(
        string Scenario, int Seed, int Runs, int Warmup, int Steps, int Agents, double WallMs, double CpuMs, long AllocatedBytes,
        long MethodsJitted)
    {
        public void Write(TextWriter stdout)
        {
            var seconds = WallMs / 1000;
            stdout.WriteLine(
                $"bench {Scenario}: {Runs} runs (seeds {Seed}..{Seed + Runs - 1}) after {Warmup} warm-up runs; " +
                $"{Steps} steps x {Agents} agents");
            Line(stdout, "wall ms/run", (WallMs / Runs).ToString("F3", Invariant));
            Line(stdout, "cpu ms/run", (CpuMs / Runs).ToString("F3", Invariant));
            Line(stdout, "runs/s", (Runs / seconds).ToString("F1", Invariant));
            Line(stdout, "agent-steps/s", ((double)Agents * Steps * Runs / seconds).ToString("E3", Invariant));
            Line(stdout, "allocated MB/run", (AllocatedBytes / 1e6 / Runs).ToString("F3", Invariant));
            Line(stdout, "methods jitted", MethodsJitted.ToString(Invariant)); // during the measured runs: 0 once settled
        }

        private static void Line(TextWriter stdout, string label, string value) => stdout.WriteLine($"  {label,-18}{value,14}");
    }
}
