using MarketSim.Analysis.Sweeps;

namespace MarketSim.Plots.Input;

/// <summary>Reads a sweep directory (manifest.json, design.csv, summary.csv, optional timeseries.csv and analysis/).</summary>
public static class SweepDirectory
{
    public static bool Looks(string dir) => File.Exists(Path.Combine(dir, "design.csv"));

    public static SweepData Load(string dir)
    {
        if (!Directory.Exists(dir)) throw new PlotInputException($"{dir}: directory not found");
        var manifestPath = Path.Combine(dir, SweepManifest.FileName);
        if (!File.Exists(manifestPath)) throw new PlotInputException($"{manifestPath}: file not found");
        var manifest = SweepManifest.Load(manifestPath);
        var parameters = manifest.Parameters;
        var design = new SortedDictionary<int, IReadOnlyDictionary<string, string>>();
        var keys = parameters.Select(p => p.Key).ToArray();
        CsvInput.Read(Path.Combine(dir, "design.csv"), ["run_id", .. keys], r =>
            design[r.Integer("run_id")] = keys.ToDictionary(k => k, r.Text));
        var summary = new SortedDictionary<int, Dictionary<string, double>>();
        CsvInput.Read(Path.Combine(dir, "summary.csv"), ["run_id", "metric", "value"], r =>
        {
            var id = r.Integer("run_id");
            if (!summary.TryGetValue(id, out var m)) summary[id] = m = [];
            m[r.Text("metric")] = r.NumberOrMissing("value");
        });
        if (summary.Count == 0) throw new PlotInputException($"{Path.Combine(dir, "summary.csv")}: no runs");
        var analysis = Path.Combine(dir, "analysis");
        return new SweepData
        {
            Manifest = manifest,
            Design = design,
            Summary = summary.ToDictionary(s => s.Key, s => (IReadOnlyDictionary<string, double>)s.Value),
            Totals = SweepTotals.Read(dir, summary),
            Sobol = Optional(Path.Combine(analysis, "sobol_indices.csv"), ["metric", "parameter", "S1", "S1_conf", "ST", "ST_conf"],
                r => new SobolRow(r.Text("metric"), r.Text("parameter"), r.Number("S1"), r.Number("S1_conf"), r.Number("ST"), r.Number("ST_conf"))),
            Morris = Optional(Path.Combine(analysis, "morris.csv"), ["metric", "parameter", "mu", "mu_star", "sigma", "mu_star_conf"],
                r => new MorrisRow(r.Text("metric"), r.Text("parameter"), r.Number("mu"), r.Number("mu_star"), r.Number("sigma"), r.Number("mu_star_conf"))),
            Verdict = Optional(Path.Combine(analysis, "verdict.csv"), ["group", "runs", "justified", "share", "ci_low", "ci_high"],
                r => new VerdictRow(r.Text("group"), r.Integer("runs"), r.Integer("justified"), r.Number("share"), r.Number("ci_low"), r.Number("ci_high"))),
            Prim = Optional(Path.Combine(analysis, "scenario_discovery.csv"),
                ["target", "box", "step", "selected", "coverage", "density", "mass", "parameter", "low", "high"],
                r => new PrimRow(r.Text("target"), r.Text("box"), r.Integer("step"), r.Text("selected") == "true",
                    r.Number("coverage"), r.Number("density"), r.Number("mass"), r.Text("parameter"), r.Text("low"), r.Text("high"))),
        };
    }

    private static List<T>? Optional<T>(string path, string[] columns, Func<CsvInput.Row, T> parse)
    {
        if (!File.Exists(path)) return null;
        var rows = new List<T>();
        CsvInput.Read(path, columns, r => rows.Add(parse(r)));
        return rows;
    }
}
