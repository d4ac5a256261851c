using System.Text.Json;

namespace MarketSim.Plots.Input;

/// <summary>Reads a sweep directory (manifest.json, design.csv, summary.csv, optional timeseries.csv and analysis/).</summary>
public static class SweepDirectory
{
    public static bool Looks(string dir) => File.Exists(Path.Combine(dir, "design.csv"));

    public static SweepData Load(string dir)
    {
        if (!Directory.Exists(dir)) throw new PlotInputException($"{dir}: directory not found");
        var (name, sampler, seed, parameters) = ReadManifest(Path.Combine(dir, "manifest.json"));
        var design = new SortedDictionary<int, IReadOnlyDictionary<string, string>>();
        var keys = parameters.Select(p => p.Key).ToArray();
        CsvInput.Read(Path.Combine(dir, "design.csv"), ["run_id", .. keys], r =>
            design[r.Integer("run_id")] = keys.ToDictionary(k => k, r.Text));
        var summary = new SortedDictionary<int, Dictionary<string, double>>();
        CsvInput.Read(Path.Combine(dir, "summary.csv"), ["run_id", "metric", "value"], r =>
        {
            var id = r.Integer("run_id");
            if (!summary.TryGetValue(id, out var m)) summary[id] = m = [];
            m[r.Text("metric")] = r.Number("value");
        });
        if (summary.Count == 0) throw new PlotInputException($"{Path.Combine(dir, "summary.csv")}: no runs");
        var analysis = Path.Combine(dir, "analysis");
        return new SweepData
        {
            Name = name,
            Sampler = sampler,
            Seed = seed,
            Parameters = parameters,
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

    private static (string, string, int, List<SweepParameter>) ReadManifest(string path)
    {
        using var doc = Json.Parse(path);
        var root = doc.RootElement;
        var name = Json.String(root, "name", path);
        var seed = Json.Int(root, "seed", path);
        var sampler = root.TryGetProperty("design", out var design) && design.ValueKind == JsonValueKind.Object
            ? Json.String(design, "sampler", path)
            : throw new PlotInputException($"{path}: missing object 'design'");
        if (!root.TryGetProperty("parameters", out var ps) || ps.ValueKind != JsonValueKind.Array)
        {
            throw new PlotInputException($"{path}: missing array 'parameters'");
        }
        var parameters = new List<SweepParameter>();
        foreach (var p in ps.EnumerateArray())
        {
            var key = Json.String(p, "key", path);
            if (p.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array)
            {
                parameters.Add(new SweepParameter(key, null, null, "values",
                    values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList()));
            }
            else if (p.TryGetProperty("min", out var min) && min.ValueKind == JsonValueKind.Number
                     && p.TryGetProperty("max", out var max) && max.ValueKind == JsonValueKind.Number)
            {
                var scale = p.TryGetProperty("scale", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "linear";
                parameters.Add(new SweepParameter(key, min.GetDouble(), max.GetDouble(), scale, []));
            }
            else
            {
                throw new PlotInputException($"{path}: parameter '{key}' needs min and max, or values");
            }
        }
        return (name, sampler, seed, parameters);
    }
}
