using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Results;

/// <summary>
/// Writes one run as the output contract's directory (timeseries.csv, summary.csv, events.csv, manifest.json).
/// The directory is built next to its destination and moved into place at the end, so a failure never leaves
/// half-written output; an earlier MarketSim run in the destination is replaced, anything else is left alone.
/// </summary>
public static class RunOutputWriter
{
    public const string ManifestFile = "manifest.json";
    private const int BufferSize = 1 << 16;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Throws <see cref="ScenarioException"/> when the directory cannot receive a run; call before simulating.</summary>
    public static void EnsureWritable(string directory)
    {
        var full = FullPath(directory);
        if (File.Exists(full))
            throw new ScenarioException($"output directory '{directory}' is a file");
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any() && !HoldsRun(full))
            throw new ScenarioException(
                $"output directory '{directory}' is not empty and holds no MarketSim {ManifestFile}; choose another --out");
    }

    public static void Write(string directory, Scenario scenario, RunResult result)
    {
        EnsureWritable(directory);
        var full = FullPath(directory);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var staging = AtomicFiles.StagingFor(full);
        try
        {
            Directory.CreateDirectory(staging);
            WriteTimeseries(Path.Combine(staging, "timeseries.csv"), result);
            WriteSummary(Path.Combine(staging, "summary.csv"), result);
            WriteEvents(Path.Combine(staging, "events.csv"), result);
            WriteManifest(Path.Combine(staging, ManifestFile), scenario, result);
            AtomicFiles.ReplaceDirectory(staging, full);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private static void WriteTimeseries(string path, RunResult result)
    {
        using var writer = OpenText(path);
        writer.Write("step,date,agent,kind,metric,value\n");
        // Rows are step-major, so the agent/kind/metric part of each row is escaped once per series.
        var labels = result.Series.Select(s => $"{CsvField(s.Agent)},{CsvField(s.Kind)},{CsvField(s.Metric)},").ToArray();
        Span<char> number = stackalloc char[32];
        for (var step = 0; step < result.Dates.Count; step++)
        {
            var rowStart = $"{step.ToString(Invariant)},{CsvField(result.Dates[step])},";
            for (var i = 0; i < labels.Length; i++)
            {
                writer.Write(rowStart);
                writer.Write(labels[i]);
                result.Series[i].Values[step].TryFormat(number, out var length, "R", Invariant);
                writer.Write(number[..length]);
                writer.Write('\n');
            }
        }
    }

    /// <summary>An undefined metric (NaN: no verdict, no IRR, a year the run does not reach) is an empty value.</summary>
    private static void WriteSummary(string path, RunResult result)
    {
        using var writer = OpenText(path);
        writer.Write("metric,value\n");
        foreach (var metric in result.Summary)
            writer.Write($"{CsvField(metric.Metric)},{SummaryValue(metric.Value)}\n");
    }

    /// <summary>A summary value as summary.csv writes it: "R" invariant, empty when undefined (NaN).</summary>
    public static string SummaryValue(double value) => double.IsNaN(value) ? "" : value.ToString("R", Invariant);

    private static void WriteEvents(string path, RunResult result)
    {
        using var writer = OpenText(path);
        using var csv = new CsvWriter(writer, new CsvConfiguration(Invariant) { NewLine = "\n" });
        foreach (var header in new[] { "step", "date", "agent", "event", "counterparty", "amount_usd_bn", "detail" })
            csv.WriteField(header);
        csv.NextRecord();
        foreach (var e in result.Events)
        {
            csv.WriteField(e.Step.ToString(Invariant));
            csv.WriteField(e.Date);
            csv.WriteField(e.Agent);
            csv.WriteField(e.Event);
            csv.WriteField(e.Counterparty);
            csv.WriteField(e.AmountUsdBn.ToString("R", Invariant));
            csv.WriteField(e.Detail);
            csv.NextRecord();
        }
    }

    private static void WriteManifest(string path, Scenario scenario, RunResult result)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" });
        using var resolved = JsonDocument.Parse(ScenarioLoader.ToJson(scenario));
        json.WriteStartObject();
        json.WriteString("tool", "MarketSim");
        json.WriteString("version", ToolVersion);
        json.WriteString("scenario_name", scenario.Name);
        json.WriteNumber("seed", result.Seed);
        json.WritePropertyName("scenario");
        resolved.RootElement.WriteTo(json);
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>major.minor.patch of the assembly (no build metadata, so reruns stay byte-identical).</summary>
    public static string ToolVersion { get; } = typeof(RunOutputWriter).Assembly.GetName().Version!.ToString(3);

    /// <summary>RFC 4180: quote only fields holding a comma, quote or line break.</summary>
    internal static string CsvField(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : $"\"{text.Replace("\"", "\"\"")}\"";

    private static StreamWriter OpenText(string path) =>
        new(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize), Utf8, BufferSize)
        {
            NewLine = "\n",
        };

    private static bool HoldsRun(string directory)
    {
        var manifest = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifest)) return false;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(manifest));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("tool", out var tool)
                && tool.ValueKind == JsonValueKind.String && tool.GetString() == "MarketSim";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string FullPath(string directory) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));

}
