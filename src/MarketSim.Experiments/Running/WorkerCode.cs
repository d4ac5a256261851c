using MarketSim.Core;
using MarketSim.Data.Sweeps;

namespace MarketSim.Experiments.Running;

/// <summary>
/// Which build of the model a process runs: the module version ids of the assemblies a run's result depends on. The
/// compiler gives each build of an assembly its own id, and a native worker keeps the ids of the assemblies it was
/// compiled from, so a sweep can tell a native worker built from other code (an edited rule, an older checkout) and
/// leave it unused rather than mix its runs with its own.
/// </summary>
public static class WorkerCode
{
    public static string Identity { get; } = string.Join(" ",
        typeof(Simulation).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
        typeof(SweepFiles).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
        typeof(WorkerCode).Assembly.ManifestModule.ModuleVersionId.ToString("N"));
}
