using MarketSim.Data.Sweeps;
using MarketSim.Experiments.Running;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments.Design;

/// <summary>The design matrix of a spec: one row of parameter values (invariant text, spec order) per design row.</summary>
public sealed record SweepDesign(IReadOnlyList<ParameterSpec> Parameters, IReadOnlyList<string[]> Rows, int Replications, int Seed)
{
    public long RunCount => (long)Rows.Count * Replications;

    public int DesignRow(long runId) => (int)(runId / Replications);
    public int Replication(long runId) => (int)(runId % Replications);
    public int SeedOf(long runId) => RunSeeds.ForRun(Seed, runId);

    /// <summary>A run's line of design.csv.</summary>
    public DesignedRun Run(long runId) => new(runId, DesignRow(runId), Replication(runId), SeedOf(runId), Rows[DesignRow(runId)]);

    /// <summary>The scenario overrides of a run: its design row's parameter values.</summary>
    public KeyValuePair<string, string>[] Overrides(long runId)
    {
        var row = Rows[DesignRow(runId)];
        var result = new KeyValuePair<string, string>[Parameters.Count];
        for (var i = 0; i < result.Length; i++) result[i] = new(Parameters[i].Key, row[i]);
        return result;
    }

    public static SweepDesign Build(SweepSpec spec)
    {
        var p = spec.Parameters;
        var d = spec.Design;
        var designSeed = RunSeeds.ForDesign(spec.Seed);
        List<string[]> rows = d.Sampler switch
        {
            SamplerKind.Grid => Grid(p),
            SamplerKind.Random => FromUnit(p, UnitSamplers.Random(d.Samples!.Value, p.Count, designSeed)),
            SamplerKind.Lhs => FromUnit(p, UnitSamplers.LatinHypercube(d.Samples!.Value, p.Count, designSeed)),
            SamplerKind.Sobol => FromUnit(p, new SobolSequence(p.Count, d.Scramble ? designSeed : null).Points(0, d.Samples!.Value)),
            SamplerKind.Saltelli => FromUnit(p, UnitSamplers.Saltelli(d.Samples!.Value, p.Count, d.SecondOrder,
                d.Scramble ? designSeed : null, GroupIndex(p))),
            SamplerKind.Posterior => FromPosterior(p, d, designSeed),
            SamplerKind.Morris => UnitSamplers.Morris(d.Trajectories!.Value, p.Count, d.Levels ?? 4, designSeed)
                .Select(u => u.Select((x, i) => p[i].FromLevel(x, d.Levels ?? 4)).ToArray()).ToList(),
            _ => throw new ArgumentOutOfRangeException(nameof(spec)),
        };
        return new SweepDesign(p, rows, spec.Replications, spec.Seed);
    }

    public static long RowCount(DesignSpec d, IReadOnlyList<ParameterSpec> p) => d.Sampler switch
    {
        SamplerKind.Grid => p.Aggregate(1L, (n, x) => Math.Min(n * GridLevels(x).Count, long.MaxValue / 100_000)),
        SamplerKind.Saltelli => (long)d.Samples!.Value * (d.SecondOrder ? 2 * Groups(p).Count + 2 : Groups(p).Count + 2),
        SamplerKind.Morris => (long)d.Trajectories!.Value * (p.Count + 1),
        _ => d.Samples ?? 0,
    };

    // Each row: a particle drawn by weight (its values exactly as recorded), then uniform draws of the other parameters.
    private static List<string[]> FromPosterior(IReadOnlyList<ParameterSpec> p, DesignSpec d, int seed)
    {
        var posterior = PosteriorSample.Read(d.Posterior!);
        var random = new MathNet.Numerics.Random.MersenneTwister(seed);
        var picks = posterior.Draw(d.Samples!.Value, random);
        var columns = (d.PosteriorKeys ?? posterior.Keys).Select(key => posterior.Keys.ToList().IndexOf(key)).ToArray();
        var k = columns.Length;
        return picks.Select(j => columns.Select(c => posterior.Particles[j].Parameters[c])
            .Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))
            .Concat(p.Skip(k).Select(x => x.FromUnit(random.NextDouble()))).ToArray()).ToList();
    }

    /// <summary>The Sobol index units of a Saltelli design: group names in order of first appearance; a parameter
    /// without a group is a group of its own, named by its key.</summary>
    public static IReadOnlyList<string> Groups(IReadOnlyList<ParameterSpec> p) =>
        p.Select(x => x.Group ?? x.Key).Distinct().ToList();

    /// <summary>Each parameter's position in <see cref="Groups"/>, or null when no parameter names a group.</summary>
    private static int[]? GroupIndex(IReadOnlyList<ParameterSpec> p)
    {
        if (p.All(x => x.Group is null)) return null;
        var groups = Groups(p).ToList();
        return p.Select(x => groups.IndexOf(x.Group ?? x.Key)).ToArray();
    }

    private static List<string[]> FromUnit(IReadOnlyList<ParameterSpec> p, double[][] unit) =>
        unit.Select(u => u.Select((x, i) => p[i].FromUnit(x)).ToArray()).ToList();

    // Full factorial in spec order; the last parameter varies fastest.
    private static List<string[]> Grid(IReadOnlyList<ParameterSpec> p)
    {
        var levels = p.Select(GridLevels).ToArray();
        var rows = new List<string[]> { Array.Empty<string>() };
        foreach (var values in levels)
            rows = rows.SelectMany(prefix => values.Select(v => (string[])[.. prefix, v])).ToList();
        return rows;
    }

    private static IReadOnlyList<string> GridLevels(ParameterSpec p) => p.Values
        ?? Enumerable.Range(0, p.Steps ?? 2).Select(i => p.FromLevel((double)i / ((p.Steps ?? 2) - 1), p.Steps ?? 2)).Distinct().ToList();
}
