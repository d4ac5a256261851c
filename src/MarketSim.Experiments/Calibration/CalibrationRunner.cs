using System.Diagnostics;
using MarketSim.Data.Calibration;
using MarketSim.Data.Csv;
using MarketSim.Experiments.Running;

namespace MarketSim.Experiments.Calibration;

public sealed record CalibrationOptions(string OutDir, int Workers = 1, bool Resume = false, long? Budget = null, int Shard = 0, int Shards = 1)
{
    public bool Sharded => Shards > 1;
}

public sealed record CalibrationProgress(int Generation, double Tolerance, int Accepted, int Particles, long GenerationSimulations,
    long Simulations, long? Budget, TimeSpan Elapsed, long SimulatedHere);

/// <summary>How a calibration ended: its generations, the simulations spent and why it stopped (null for a shard's share).</summary>
public sealed record CalibrationOutcome(string Directory, IReadOnlyList<GenerationRow> Generations, Population? Posterior,
    long Simulations, long SimulatedHere, string Stopped);

/// <summary>
/// ABC-SMC (Toni et al. 2009; Beaumont et al. 2009) as pyabc runs it, on the sweep runner's ordered worker pool.
/// Generation 0 accepts prior draws; generation t accepts proposals perturbed from generation t-1 whose distance is
/// within the tolerance, the previous distances' weighted quantile, until it holds as many particles as asked.
/// Proposals are simulated in batches in proposal order and the first accepted are kept, so the outcome does not
/// depend on the worker count. Every simulation is appended to its generation's log as it finishes and each complete
/// generation is checkpointed atomically; a resumed calibration replays the logs (running only what they lack) and so
/// reaches the same posterior. A shard simulates its share (proposal mod N) of the next batch the logs lack, then
/// stops; a later unsharded --resume finishes the calibration.
/// </summary>
public static class CalibrationRunner
{
    private const int MinBatch = 8;

    /// <param name="generationDone">Told of each complete generation, also those a resumed calibration replays.</param>
    /// <param name="finished">Writes what else belongs in the directory (the figures) while the calibration still holds it.</param>
    public static CalibrationOutcome Run(CalibrationProblem problem, ICalibrationModel model, CalibrationOptions options,
        Action<CalibrationProgress>? progress = null, Action<GenerationRow>? generationDone = null, Action<CalibrationOutcome>? finished = null)
    {
        if (options.Workers < 1) throw new SpecException($"--workers: {options.Workers} is out of range; allowed 1 or more");
        if (options.Budget is < 1) throw new SpecException($"--budget: {options.Budget} is out of range; allowed 1 or more");
        if (options.Shards < 1 || options.Shard < 0 || options.Shard >= options.Shards)
            throw new SpecException($"--shard: {options.Shard} is out of range; allowed 0 to {options.Shards - 1} (with --shards {options.Shards})");
        var spec = problem.Spec;
        var dir = options.OutDir;
        RefuseOther(dir, spec);
        Directory.CreateDirectory(dir);
        using var writer = CalibrationLock.Acquire(dir, options);
        RefuseOther(dir, spec);
        var existing = CalibrationManifest.SpecKeyOf(dir);
        var manifest = new CalibrationManifest { Name = spec.Name, Seed = spec.Seed, Scenario = spec.Scenario, Spec = spec.Given.DeepClone() };
        if (!options.Resume && !options.Sharded && Directory.Exists(dir))
        {
            foreach (var file in CalibrationFiles.Results) File.Delete(Path.Combine(dir, file));
            foreach (var sub in new[] { CalibrationFiles.Checkpoints, CalibrationFiles.Plots })
                if (Directory.Exists(Path.Combine(dir, sub))) Directory.Delete(Path.Combine(dir, sub), recursive: true);
        }
        Directory.CreateDirectory(Path.Combine(dir, CalibrationFiles.Checkpoints));
        if (!options.Sharded || existing is null) manifest.Write(dir);

        var run = new Generations(problem, model, options, progress, generationDone);
        var outcome = run.Execute();
        if (!options.Sharded && outcome.Posterior is not null)
        {
            CalibrationOutputs.Write(dir, problem, outcome, manifest);
            finished?.Invoke(outcome);
        }
        return outcome;
    }

    private static void RefuseOther(string dir, CalibrationSpec spec)
    {
        CalibrationManifest.EnsureWritable(dir);
        var existing = CalibrationManifest.SpecKeyOf(dir);
        if (existing is not null && existing != spec.SpecKey)
            throw new SpecException($"{dir}: already holds another calibration; choose another --out or remove it");
    }

    /// <summary>The generation loop, replayed from the logs on resume.</summary>
    private sealed class Generations(CalibrationProblem problem, ICalibrationModel model, CalibrationOptions options,
        Action<CalibrationProgress>? progress, Action<GenerationRow>? generationDone)
    {
        private readonly AbcSmcSettings _method = problem.Spec.Method;
        private readonly IReadOnlyList<Prior> _priors = [.. problem.Parameters.Select(p => p.Prior)];
        private readonly IReadOnlyList<string> _logColumns = CalibrationFiles.SimulationColumns(
            problem.Parameters.Select(p => p.Key), problem.Points.Select(p => p.Column));
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _used, _simulatedHere;

        public CalibrationOutcome Execute()
        {
            var rows = new List<GenerationRow>();
            Population? population = null;
            double previousRate = 1;
            for (var g = 0; g < _method.Generations; g++)
            {
                var tolerance = population?.WeightedQuantile(_method.Quantile) ?? double.PositiveInfinity;
                if (population is not null && tolerance <= _method.MinTolerance) return Done(rows, population, "tolerance");
                var proposals = new Proposals(problem, model, g, population is null ? null : new PerturbationKernel(population));
                var (accepted, acceptable, simulated, complete) = Generation(g, tolerance, proposals, previousRate * (g == 0 ? 1 : _method.Quantile));
                if (!complete)
                {
                    var spent = options.Budget is { } b && _used >= b;
                    if (options.Sharded && !spent) return Done(rows, population, "shard");
                    if (population is null)
                        throw new SpecException($"--budget: {options.Budget} simulations do not complete generation 0 ({_method.Particles} particles); raise it");
                    return Done(rows, population, "budget");
                }
                var weights = population is null
                    ? [.. accepted.Select(_ => 1.0 / accepted.Count)]
                    : Population.ImportanceWeights([.. accepted.Select(r => _priors.Select((p, i) => p.ToScale(r.Values[i])).ToArray())], _priors, proposals.Kernel!);
                population = new Population([.. accepted.Select((r, i) => new ParticleRow(i, r.Proposal, weights[i], r.Distance, r.Values))], _priors);
                // Every acceptable proposal counts, also those past the last particle kept: the batches' overshoot
                // must not read as a lower acceptance rate.
                previousRate = (double)acceptable / simulated;
                rows.Add(new GenerationRow(g, tolerance, accepted.Count, simulated, previousRate, population.Ess,
                    Population.Quantile([.. accepted.Select(r => r.Distance)], [.. accepted.Select(_ => 1.0)], 0.5), _used));
                if (!options.Sharded) WritePopulation(g, population);
                generationDone?.Invoke(rows[^1]);
                if (previousRate < _method.MinAcceptance) return Done(rows, population, "acceptance");
            }
            return Done(rows, population, "generations");
        }

        private CalibrationOutcome Done(List<GenerationRow> rows, Population? posterior, string why) =>
            new(options.OutDir, rows, posterior, _used, _simulatedHere, why);

        /// <summary>
        /// Runs generation g's batches until it has its particles. Returns them (in proposal order), the proposals
        /// simulated, and whether it completed (not when the budget ran out or a shard has done its share).
        /// </summary>
        private (List<SimulationRow> Accepted, long Acceptable, long Simulated, bool Complete) Generation(int g, double tolerance,
            Proposals proposals, double expectedRate)
        {
            var known = ReadLogs(g);
            var accepted = new List<SimulationRow>();
            long next = 0, acceptable = 0;
            while (accepted.Count < _method.Particles)
            {
                var rate = next > 0 && acceptable > 0 ? (double)acceptable / next : expectedRate;
                long batch = Math.Clamp((long)Math.Ceiling((_method.Particles - accepted.Count) / Math.Max(rate, 0.05)),
                    MinBatch, 10L * _method.Particles);
                if (options.Budget is { } budget) batch = Math.Min(batch, budget - _used);
                if (batch <= 0) return (accepted, acceptable, next, false);
                var ids = new long[batch];
                for (var i = 0; i < batch; i++) ids[i] = next + i;
                var missing = ids.Where(id => !known.ContainsKey(id) && (!options.Sharded || id % options.Shards == options.Shard)).ToArray();
                if (missing.Length > 0) Simulate(g, tolerance, proposals, missing, known, accepted.Count, next);
                if (options.Sharded && ids.Any(id => !known.ContainsKey(id))) return (accepted, acceptable, next, false);
                foreach (var id in ids)
                {
                    var row = known[id];
                    if (!(double.IsFinite(row.Distance) && row.Distance <= tolerance)) continue;
                    acceptable++;
                    if (accepted.Count < _method.Particles) accepted.Add(row);
                }
                next += batch;
                _used += batch;
            }
            return (accepted, acceptable, next, true);
        }

        private void Simulate(int g, double tolerance, Proposals proposals, long[] ids, Dictionary<long, SimulationRow> known,
            int acceptedBefore, long simulatedBefore)
        {
            var path = CalibrationFiles.SimulationsPath(options.OutDir, g, options.Sharded ? (options.Shard, options.Shards) : null);
            if (File.Exists(path)) Data.Sweeps.CommittedTables.CutToCommitted(path, _logColumns, _ => true);
            else Data.Sweeps.CommittedTables.Start(path, _logColumns);
            using var log = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), CsvWriter.Utf8) { NewLine = "\n" };
            using var csv = new CsvWriter(log);
            var accepted = acceptedBefore;
            long done = 0;
            OrderedRuns.Execute(ids, options.Workers, static () => 0, (id, _) => proposals.Simulate(id), row =>
            {
                row.Write(csv);
                csv.EndRow();
                csv.Flush(); // a finished simulation reaches the OS before the next is recorded
                known[row.Proposal] = row;
                done++;
                _simulatedHere++;
                if (double.IsFinite(row.Distance) && row.Distance <= tolerance) accepted++;
                progress?.Invoke(new CalibrationProgress(g, tolerance, Math.Min(accepted, _method.Particles), _method.Particles,
                    simulatedBefore + done, _used + done, options.Budget, _clock.Elapsed, _simulatedHere));
                return true;
            }, 0, null);
        }

        /// <summary>What the generation's logs already hold (a shard's may still be written: its torn tail is ignored).</summary>
        private Dictionary<long, SimulationRow> ReadLogs(int g)
        {
            var known = new Dictionary<long, SimulationRow>();
            foreach (var path in CalibrationFiles.SimulationLogs(options.OutDir, g))
            {
                try
                {
                    foreach (var row in CsvTable.Stream<SimulationRow>(path, _logColumns)) known.TryAdd(row.Proposal, row);
                }
                catch (Data.DataFileException) { } // a torn last line: the rows before it count
            }
            return known;
        }

        private void WritePopulation(int g, Population population) =>
            CsvTable.Write(CalibrationFiles.PopulationPath(options.OutDir, g),
                CalibrationFiles.PopulationColumns(problem.Parameters.Select(p => p.Key), problem.Points.Select(p => p.Column)),
                population.Particles);
    }
}
