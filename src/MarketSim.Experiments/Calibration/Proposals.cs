using System.Globalization;
using MarketSim.Data.Calibration;
using MarketSim.Experiments.Running;

namespace MarketSim.Experiments.Calibration;

/// <summary>
/// The proposals of one generation, numbered 0, 1, 2, ...: proposal k's parameters and its run's seed depend only on
/// the root seed, the generation and k (never on the worker, shard or batch that runs it), so any process that
/// simulates proposal k gets the same row.
/// </summary>
public sealed class Proposals(CalibrationProblem problem, ICalibrationModel model, int generation, PerturbationKernel? kernel)
{
    private const ulong ProposalStream = 0x5851F42D4C957F2DUL;
    private const ulong SimulationStream = 0x14057B7EF767814FUL;
    private const int MaxDraws = 100_000;

    private readonly IReadOnlyList<Prior> _priors = [.. problem.Parameters.Select(p => p.Prior)];

    /// <summary>The kernel perturbing the previous generation; null in generation 0.</summary>
    public PerturbationKernel? Kernel => kernel;

    public int SeedOf(long proposal) => Seed(SimulationStream, proposal);

    /// <summary>
    /// Proposal k's parameter values: a prior draw in generation 0, later a perturbed particle of the previous
    /// generation, drawn again (from the same stream) until the prior allows it.
    /// </summary>
    public double[] Parameters(long proposal)
    {
        var random = new Random(Seed(ProposalStream, proposal));
        for (var draw = 0; draw < MaxDraws; draw++)
        {
            var z = kernel is null ? [.. _priors.Select(p => p.Sample(random))] : kernel.Propose(random);
            if (Enumerable.Range(0, z.Length).All(i => _priors[i].Density(z[i]) > 0))
                return [.. z.Select((v, i) => _priors[i].FromScale(v))];
        }
        throw new InvalidOperationException($"generation {generation}: no proposal inside the prior's support after {MaxDraws} draws");
    }

    /// <summary>Runs proposal k and measures it against the data; a run that throws is infinitely far.</summary>
    public SimulationRow Simulate(long proposal)
    {
        var parameters = Parameters(proposal);
        var seed = SeedOf(proposal);
        var overrides = new List<KeyValuePair<string, string>>(problem.Spec.Fixed);
        for (var i = 0; i < parameters.Length; i++)
            overrides.Add(new(problem.Parameters[i].Key, parameters[i].ToString("R", CultureInfo.InvariantCulture)));
        double[] simulated;
        try
        {
            var result = model.Run(overrides, seed);
            simulated = problem.Simulated(result);
            result.Recycle(); // measured; the next proposal on this thread reuses its storage
        }
        catch (Exception e) when (e is not OutOfMemoryException) { simulated = [.. problem.Points.Select(_ => double.NaN)]; }
        return new SimulationRow(proposal, seed, problem.Distance(simulated), [.. parameters, .. simulated]);
    }

    private int Seed(ulong stream, long proposal)
    {
        var root = RunSeeds.SplitMix64(((ulong)(uint)problem.Spec.Seed << 32) ^ ((ulong)(uint)generation * 0x9E3779B97F4A7C15UL) ^ stream);
        return (int)(RunSeeds.SplitMix64(root + (ulong)proposal) >> 33);
    }
}
