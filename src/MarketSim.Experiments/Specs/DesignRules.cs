using MarketSim.Experiments.Design;

namespace MarketSim.Experiments.Specs;

/// <summary>Which design fields each sampler takes, and the sizes it can build.</summary>
internal static class DesignRules
{
    public static void Check(string file, DesignSpec d, IReadOnlyList<ParameterSpec> parameters, int replications)
    {
        SpecException Fail(string where, string what) => new($"{file}: {where}: {what}");
        var name = d.Sampler.ToString().ToLowerInvariant();
        var usesSamples = d.Sampler is SamplerKind.Random or SamplerKind.Lhs or SamplerKind.Sobol or SamplerKind.Saltelli or SamplerKind.Posterior;
        if (usesSamples && d.Samples is null) throw Fail("design.samples", $"is required by the {name} sampler");
        if (!usesSamples && d.Samples is not null) throw Fail("design.samples", $"does not apply to the {name} sampler");
        if (d.Sampler != SamplerKind.Saltelli && d.SecondOrder) throw Fail("design.secondOrder", "applies only to the saltelli sampler");
        if (d.Sampler != SamplerKind.Morris && (d.Trajectories is not null || d.Levels is not null))
            throw Fail("design", "trajectories and levels apply only to the morris sampler");
        if (d.Sampler is SamplerKind.Sobol or SamplerKind.Saltelli && !IsPowerOfTwo(d.Samples!.Value))
            throw Fail("design.samples", $"{d.Samples} is not a power of two; the {name} sampler needs 2^k samples (e.g. {PowerOfTwoNear(d.Samples.Value)})");
        var dims = d.Sampler == SamplerKind.Saltelli ? 2 * parameters.Count : parameters.Count;
        if (d.Sampler is SamplerKind.Sobol or SamplerKind.Saltelli && dims > SobolSequence.MaxDimensions)
            throw Fail("parameters", $"{name} with {parameters.Count} parameters needs {dims} Sobol dimensions; at most {SobolSequence.MaxDimensions} are available");
        if (d.Sampler == SamplerKind.Morris)
        {
            if (d.Trajectories is null) throw Fail("design.trajectories", "is required by the morris sampler");
            if ((d.Levels ?? 4) % 2 != 0) throw Fail("design.levels", $"{d.Levels} must be even (Delta = levels/(2(levels-1)) stays on the grid)");
        }
        var clash = parameters.FirstOrDefault(p => p.Group is { } g && g != p.Key && parameters.Any(q => q.Group is null && q.Key == g));
        if (clash is not null)
            throw Fail($"parameters ({clash.Key}).group", $"'{clash.Group}' is the key of an ungrouped parameter, which is a group of its own");
        SweepLimits.CheckRuns(file, SweepDesign.RowCount(d, parameters), replications);
    }

    private static bool IsPowerOfTwo(int n) => n > 0 && (n & (n - 1)) == 0;

    private static int PowerOfTwoNear(int n) => 1 << Math.Max(0, (int)Math.Round(Math.Log2(n)));
}
