#:property PublishAot=false
#:property ServerGarbageCollection=true
#:property ConcurrentGarbageCollection=false
#:property TieredPGO=true

// Compares the CPU a baseline run costs in two Release builds of MarketSim, run in one process.
//
//     dotnet run scripts/compare-builds.cs -- BUILD_A BUILD_B [pairs] [warm-up runs]
//
// BUILD_A and BUILD_B are checkouts built with `dotnet build MarketSim.sln -c Release`. Each build's assemblies are
// loaded into a load context of their own, and the two run the same seeds alternately (which one goes first alternates
// too), each run timed by the CPU of the thread that simulates it. The machine's speed can move by a third within
// minutes, which two bench processes one after the other see as a difference between builds; runs a few milliseconds
// apart in one process see the same machine. Prints both medians and the median of the per-seed ratios B / A. Set
// DOTNET_TieredPGO=0 to compare the builds as sweep worker processes run them. Keep the warm-up long (the default):
// the two builds share one compiling thread, and after 50 warm-up runs the same pair of builds came out 16% apart one
// way and 7% the other depending on which was loaded first. After 400 the order still moves the ratio by 1-2%
// (a build against itself came out 1.1-1.2% apart), so run both orders and report both.

using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: dotnet run scripts/compare-builds.cs -- BUILD_A BUILD_B [pairs (default 1000)] [warm-up runs (default 400)]");
    return 2;
}
var builds = args.Take(2).Select(Path.GetFullPath).ToArray();
var pairs = 1000;
var warmUp = 400;
if ((args.Length > 2 && !(int.TryParse(args[2], out pairs) && pairs >= 1)) || (args.Length > 3 && !(int.TryParse(args[3], out warmUp) && warmUp >= 0)))
{
    Console.Error.WriteLine("error: pairs must be a whole number from 1, warm-up runs from 0");
    return 2;
}
if (builds.Select(b => Path.Combine(b, "src/MarketSim.Cli/bin/Release/net10.0/MarketSim.Core.dll")).FirstOrDefault(p => !File.Exists(p)) is { } missing)
{
    Console.Error.WriteLine($"error: {missing} not found: build that checkout first (dotnet build MarketSim.sln -c Release)");
    return 2;
}
var runners = builds.Select(b => new BuildRunner(b)).ToArray();

for (var seed = 0; seed < warmUp; seed++) foreach (var r in runners) r.Run(seed);
var times = new[] { new List<double>(), new List<double>() };
var ratios = new List<double>();
for (var p = 0; p < pairs; p++)
{
    var seed = 1_000_000 + p;
    var ms = new double[2];
    foreach (var i in p % 2 == 0 ? new[] { 0, 1 } : new[] { 1, 0 }) ms[i] = ThreadCpu.Milliseconds(() => runners[i].Run(seed));
    times[0].Add(ms[0]);
    times[1].Add(ms[1]);
    ratios.Add(ms[1] / ms[0]);
}
Console.WriteLine($"A {builds[0]}: median {Median(times[0]):F3} ms CPU a run");
Console.WriteLine($"B {builds[1]}: median {Median(times[1]):F3} ms CPU a run");
Console.WriteLine($"median of B / A over {pairs} seeds: {Median(ratios):F4} (load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
return 0;

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

/// <summary>One build's baseline scenario and simulation, reached by reflection in a load context of its own.</summary>
sealed class BuildRunner
{
    private readonly MethodInfo _create, _run;
    private readonly MethodInfo? _recycle; // builds from before recycled runs have none
    private readonly object _scenario;

    public BuildRunner(string build)
    {
        var bin = Path.Combine(build, "src/MarketSim.Cli/bin/Release/net10.0");
        var core = new BuildContext(bin).LoadFromAssemblyPath(Path.Combine(bin, "MarketSim.Core.dll"));
        var loader = core.GetType("MarketSim.Core.Scenarios.ScenarioLoader")!;
        _scenario = loader.GetMethod("Load", [typeof(string), typeof(IEnumerable<string>)])!.Invoke(null, [null, Array.Empty<string>()])!;
        var simulation = core.GetType("MarketSim.Core.Simulation")!;
        _create = simulation.GetMethods().First(m => m.Name == "Create" && m.GetParameters().Length == 3);
        _run = simulation.GetMethod("Run", Type.EmptyTypes)!;
        _recycle = _run.ReturnType.GetMethod("Recycle");
    }

    /// <summary>One run, its storage handed to the next run as `bench` and the sweep do (where the build can).</summary>
    public void Run(int seed)
    {
        var result = _run.Invoke(_create.Invoke(null, [_scenario, seed, null]), null);
        _recycle?.Invoke(result, null);
    }
}

sealed class BuildContext(string bin) : AssemblyLoadContext(isCollectible: false)
{
    protected override Assembly? Load(AssemblyName name)
    {
        var path = Path.Combine(bin, name.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}

static class ThreadCpu
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec { public long Seconds, Nanoseconds; }

    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static double Now()
    {
        ClockGetTime(ThreadCpuClock, out var t);
        return t.Seconds * 1e3 + t.Nanoseconds / 1e6;
    }

    public static double Milliseconds(Action action)
    {
        var start = Now();
        action();
        return Now() - start;
    }
}
