using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;
using MarketSim.Data;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments.Calibration;

/// <summary>One observed number a run must reproduce, with where its simulated counterpart comes from.</summary>
public sealed record TargetPoint(int Target, ObservedRow Row, string Agent, string Metric, TargetTransform Transform,
    double Weight, double Scale, bool Holdout)
{
    public string Name => $"{Row.Series}/{Row.Entity}";

    /// <summary>The column naming this point in the checkpoint tables.</summary>
    public string Column => Holdout ? Row.Citation + " (holdout)" : Row.Citation;
}

/// <summary>
/// A calibration spec checked against its model and data: every parameter is a numeric key whose range holds the
/// prior, every target's rows exist, end by 2024-12 and lie inside the simulated months, and the run produces the
/// agent's metric. Checked before anything is written; each refusal is one line naming the spec entry.
/// </summary>
public sealed class CalibrationProblem
{
    private CalibrationProblem(CalibrationSpec spec, IReadOnlyList<CalibratedParameter> parameters, IReadOnlyList<TargetPoint> points)
    {
        Spec = spec;
        Parameters = parameters;
        Points = points;
    }

    public CalibrationSpec Spec { get; }

    /// <summary>The parameters, normal priors confined to their key's range.</summary>
    public IReadOnlyList<CalibratedParameter> Parameters { get; }

    public IReadOnlyList<TargetPoint> Points { get; }

    public static CalibrationProblem Build(CalibrationSpec spec, ICalibrationModel model)
    {
        var file = spec.SourceFile;
        try { model.Check(spec.Fixed); }
        catch (ScenarioException e) { throw new SpecException($"{file}: fixed: {e.Message}"); }
        var parameters = spec.Parameters.Select((p, i) => CheckParameter(spec, model, p, i)).ToList();
        if (!File.Exists(spec.DataPath)) throw new SpecException($"{file}: data: {spec.DataPath} not found");
        IReadOnlyList<ObservedRow> data;
        try { data = ObservedData.Read(spec.DataPath); }
        catch (DataFileException e) { throw new SpecException($"{file}: data: {e.Message}"); }

        RunResult probe;
        try { probe = model.Run(spec.Fixed, 0); }
        catch (ScenarioException e) { throw new SpecException($"{file}: scenario: {e.Message}"); }
        var points = new List<TargetPoint>();
        for (var i = 0; i < spec.Targets.Count; i++) points.AddRange(TargetPoints(spec, i, data, probe));
        return new CalibrationProblem(spec, parameters, points);
    }

    private static CalibratedParameter CheckParameter(CalibrationSpec spec, ICalibrationModel model, CalibratedParameter p, int i)
    {
        var where = $"{spec.SourceFile}: parameters[{i}] ({p.Key})";
        var info = model.Describe(p.Key) ?? throw new SpecException($"{where}: unknown scenario key; marketsim params lists them");
        if (!info.IsNumber || double.IsNaN(info.Min))
            throw new SpecException($"{where}: is a {info.Type} key; only continuous numeric keys with a range can be calibrated");
        var prior = p.Prior;
        var range = $"the key's range is {SpecParser.Num(info.Min)} to {SpecParser.Num(info.Max)}";
        if (prior.Kind == PriorKind.Normal)
        {
            if (!(prior.Mean >= info.Min && prior.Mean <= info.Max))
                throw new SpecException($"{where}: prior mean {SpecParser.Num(prior.Mean)} is outside the key's range; {range}");
            prior = prior with { Low = info.Min, High = info.Max };
        }
        else if (prior.Low < info.Min || prior.High > info.Max)
        {
            throw new SpecException($"{where}: prior {SpecParser.Num(prior.Low)} to {SpecParser.Num(prior.High)} is outside the key's range; {range}");
        }
        foreach (var end in new[] { prior.Low, prior.High })
        {
            try { model.Check([.. spec.Fixed, new(p.Key, SpecParser.Num(end))]); }
            catch (ScenarioException e) { throw new SpecException($"{where}: {e.Message}"); }
        }
        return p with { Prior = prior };
    }

    private static IEnumerable<TargetPoint> TargetPoints(CalibrationSpec spec, int index, IReadOnlyList<ObservedRow> data, RunResult probe)
    {
        var t = spec.Targets[index];
        var where = $"{spec.SourceFile}: targets[{index}] ({t.Name})";
        var dataName = Path.GetFileName(spec.DataPath);
        var rows = data.Where(r => r.Series == t.Series && r.Entity == t.Entity).ToList();
        if (rows.Count == 0)
        {
            var entities = data.Where(r => r.Series == t.Series).Select(r => r.Entity).Distinct().ToList();
            throw new SpecException(entities.Count == 0
                ? $"{where}: series '{t.Series}' is not in {dataName}"
                : $"{where}: series '{t.Series}' has no entity '{t.Entity}' in {dataName}; it has {string.Join(", ", entities)}");
        }
        if (t.Periods is { } labels)
        {
            var missing = labels.FirstOrDefault(l => rows.All(r => r.Period != l));
            if (missing is not null)
                throw new SpecException($"{where}: no period '{missing}' in {dataName}; it has {string.Join(", ", rows.Select(r => r.Period))}");
            rows = [.. labels.Select(l => rows.First(r => r.Period == l))];
        }
        else
        {
            rows = [.. rows.Where(r => (t.From is null || string.CompareOrdinal(r.Start, t.From) >= 0) && (t.To is null || string.CompareOrdinal(r.End, t.To) <= 0))];
            if (rows.Count == 0) throw new SpecException($"{where}: no rows between {t.From ?? "the start"} and {t.To ?? "the end"}");
        }
        var late = rows.FirstOrDefault(r => string.CompareOrdinal(r.End, ObservedData.LastFittedMonth) > 0);
        if (late is not null)
            throw new SpecException($"{where}: {late.Citation} ends {late.End}, after {ObservedData.LastFittedMonth}; nothing dated after {ObservedData.LastFittedMonth} is fitted (set \"to\" or periods)");
        var (first, last) = (probe.Dates[0], probe.Dates[^1]);
        var outside = rows.FirstOrDefault(r => string.CompareOrdinal(r.Start, first) < 0 || string.CompareOrdinal(r.End, last) > 0);
        if (outside is not null)
            throw new SpecException($"{where}: {outside.Citation} covers {outside.Start} to {outside.End}, outside the simulated {first} to {last}");
        if (t.Transform == TargetTransform.Log && rows.FirstOrDefault(r => r.Value <= 0) is { } nonPositive)
            throw new SpecException($"{where}: {nonPositive.Citation} is {SpecParser.Num(nonPositive.Value)}; a log target needs values above 0 (use transform relative)");
        if (t.Transform == TargetTransform.Relative && rows.FirstOrDefault(r => r.Value == 0) is { } zero)
            throw new SpecException($"{where}: {zero.Citation} is 0; a relative target needs a non-zero value");
        if (!probe.Series.Any(s => s.Agent == t.Agent && s.Metric == t.Metric))
        {
            var agents = probe.Series.Where(s => s.Metric == t.Metric).Select(s => s.Agent).Distinct().ToList();
            throw new SpecException(agents.Count == 0
                ? $"{where}: the run has no metric '{t.Metric}'; allowed {string.Join(", ", probe.Series.Select(s => s.Metric).Distinct())}"
                : $"{where}: the run has no '{t.Metric}' for agent '{t.Agent}'; it has it for {string.Join(", ", agents)}");
        }
        return rows.Select(r => new TargetPoint(index, r, t.Agent, t.Metric, t.Transform, t.Weight / rows.Count, t.Scale, t.Holdout));
    }

    /// <summary>
    /// The run's value for each target point: the agent's monthly metric over the row's months, flows summed, stocks
    /// at the last month, levels averaged, times the target's scale. NaN when the run lacks a month.
    /// </summary>
    public double[] Simulated(RunResult result)
    {
        var series = new Dictionary<(string, string), Series>();
        foreach (var s in result.Series) series.TryAdd((s.Agent, s.Metric), s);
        var months = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < result.Dates.Count; i++) months[result.Dates[i]] = i;
        var values = new double[Points.Count];
        for (var p = 0; p < Points.Count; p++)
        {
            var point = Points[p];
            if (!series.TryGetValue((point.Agent, point.Metric), out var s)
                || !months.TryGetValue(point.Row.Start, out var first) || !months.TryGetValue(point.Row.End, out var last))
            {
                values[p] = double.NaN;
                continue;
            }
            var sum = 0.0;
            for (var m = first; m <= last; m++) sum += s.Values[m];
            var value = s.Aggregation switch
            {
                Aggregation.Flow => sum,
                Aggregation.Stock => s.Values[last],
                _ => sum / (last - first + 1),
            };
            values[p] = value * point.Scale;
        }
        return values;
    }

    /// <summary>
    /// The distance of a run from the data: the weighted root mean square of each point's error, ln(simulated /
    /// observed) for log targets and (simulated - observed) / |observed| for relative ones. Log errors make a miss
    /// by a factor count the same for a 0.03 bn lab and a 30 bn chipmaker, and are symmetric in over- and
    /// undershooting by a factor; the weights let a researcher trust reported figures over estimates. A run that
    /// cannot be compared (a non-positive value on a log target, NaN) is infinitely far. Holdout points do not count.
    /// </summary>
    public double Distance(double[] simulated)
    {
        double sum = 0, weights = 0;
        for (var p = 0; p < Points.Count; p++)
        {
            var point = Points[p];
            if (point.Holdout) continue;
            var (sim, obs) = (simulated[p], point.Row.Value);
            var error = point.Transform == TargetTransform.Log ? Math.Log(sim / obs) : (sim - obs) / Math.Abs(obs);
            if (!double.IsFinite(error) || (point.Transform == TargetTransform.Log && sim <= 0)) return double.PositiveInfinity;
            sum += point.Weight * error * error;
            weights += point.Weight;
        }
        return Math.Sqrt(sum / weights);
    }
}
