using System.Text.Json;

namespace MarketSim.Plots.Input;

/// <summary>Reads a run directory (timeseries.csv, events.csv, summary.csv, manifest.json) into <see cref="RunData"/>.</summary>
public static class RunDirectory
{
    private static readonly string[] TimeseriesColumns = ["step", "date", "agent", "kind", "metric", "value"];
    private static readonly string[] EventColumns = ["step", "date", "agent", "event", "counterparty", "amount_usd_bn", "detail"];
    private static readonly string[] SummaryColumns = ["metric", "value"];

    /// <summary>True when <paramref name="dir"/> holds a run's timeseries.csv (with agent and kind columns) and a
    /// manifest.json with a scenario.</summary>
    public static bool Looks(string dir)
    {
        var ts = Path.Combine(dir, "timeseries.csv");
        var manifest = Path.Combine(dir, "manifest.json");
        if (!File.Exists(ts) || !File.Exists(manifest)) return false;
        using var reader = new StreamReader(ts);
        var header = (reader.ReadLine() ?? "").Split(',');
        if (!header.Contains("agent") || !header.Contains("kind")) return false;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("scenario", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static RunData Load(string dir)
    {
        if (!Directory.Exists(dir)) throw new PlotInputException($"{dir}: directory not found");
        var (name, seed, scenario) = ReadManifest(Path.Combine(dir, "manifest.json"));
        var rows = new List<RunRow>();
        CsvInput.Read(Path.Combine(dir, "timeseries.csv"), TimeseriesColumns, r =>
            rows.Add(new RunRow(r.Integer("step"), r.Text("date"), r.Text("agent"), r.Text("kind"), r.Text("metric"),
                r.Number("value"))));
        var events = new List<RunEvent>();
        var eventsPath = Path.Combine(dir, "events.csv");
        if (File.Exists(eventsPath))
        {
            CsvInput.Read(eventsPath, EventColumns, r => events.Add(new RunEvent(r.Integer("step"), r.Text("date"),
                r.Text("agent"), r.Text("event"), r.Text("counterparty"), r.Number("amount_usd_bn"), r.Text("detail"))));
        }
        var summaryPath = Path.Combine(dir, "summary.csv");
        var summary = File.Exists(summaryPath) ? ReadSummary(summaryPath) : new Dictionary<string, double>();
        return RunData.FromRows(name, seed, rows, events, summary, scenario);
    }

    internal static Dictionary<string, double> ReadSummary(string path)
    {
        var summary = new Dictionary<string, double>();
        CsvInput.Read(path, SummaryColumns, r => summary[r.Text("metric")] = r.NumberOrMissing("value"));
        return summary;
    }

    private static (string Name, int Seed, JsonElement Scenario) ReadManifest(string path)
    {
        using var doc = Json.Parse(path);
        var root = doc.RootElement;
        var name = Json.String(root, "scenario_name", path);
        var seed = Json.Int(root, "seed", path);
        if (!root.TryGetProperty("scenario", out var scenario) || scenario.ValueKind != JsonValueKind.Object)
        {
            throw new PlotInputException($"{path}: missing object 'scenario'");
        }
        return (name, seed, scenario.Clone());
    }
}

internal static class Json
{
    public static JsonDocument Parse(string path)
    {
        if (!File.Exists(path)) throw new PlotInputException($"{path}: file not found");
        try
        {
            var doc = JsonDocument.Parse(File.ReadAllText(path));
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw new PlotInputException($"{path}: expected a JSON object");
            }
            return doc;
        }
        catch (JsonException e)
        {
            throw new PlotInputException($"{path}: invalid JSON ({e.Message.Split('.')[0]})");
        }
    }

    public static string String(JsonElement obj, string key, string path) =>
        obj.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new PlotInputException($"{path}: missing string '{key}'");

    public static int Int(JsonElement obj, string key, string path) =>
        obj.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)
            ? i
            : throw new PlotInputException($"{path}: missing integer '{key}'");
}
