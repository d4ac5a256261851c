using System.Text;
using MarketSim.Data.Csv;
using MarketSim.Data.Runs;

namespace MarketSim.Data.Tests;

public sealed class CsvReaderTests : IDisposable
{
    private static readonly string[] Columns = ["metric", "value"];
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string File(string text, string name = "summary.csv", bool bom = false)
    {
        var path = _dir[name];
        System.IO.File.WriteAllBytes(path, [.. bom ? "\uFEFF"u8.ToArray() : [], .. Encoding.UTF8.GetBytes(text)]);
        return path;
    }

    private static TableRows<SummaryRow> Read(string path, long? expectedRows = null) =>
        CsvTable.Read<SummaryRow>(path, Columns, expectedRows);

    private static string Refused(string path, long? expectedRows = null) =>
        Assert.Throws<DataFileException>(() => Read(path, expectedRows)).Message;

    [Fact]
    public void CrlfWithABomReadsAsTheLfTable()
    {
        const string lf = "metric,value\ncapex_usd_bn,8295.13\n\"odd, \"\"name\"\"\",NaN\ngap,-1E-07\n";
        var unix = Read(File(lf, "lf.csv"));
        var windows = Read(File(lf.Replace("\n", "\r\n"), "crlf.csv", bom: true));
        Assert.Equal(unix, windows);
        Assert.Equal([new SummaryRow("capex_usd_bn", 8295.13), new SummaryRow("odd, \"name\"", double.NaN), new SummaryRow("gap", -1e-7)], unix);
    }

    [Fact]
    public void QuotedFieldsKeepCommasQuotesAndLineBreaks()
    {
        string[] names = ["a,b", "say \"hi\"", "two\nlines", "crlf\r\ninside", " padded ", "", "plain"];
        var path = _dir["quoted.csv"];
        CsvTable.Write(path, Columns, names.Select((n, i) => new SummaryRow(n, i)));
        var rows = Read(path);
        Assert.Equal(names, rows.Select(r => r.Metric));
        // A line break inside a field moves the following rows down one line each.
        Assert.Equal([2, 3, 4, 6, 8, 9, 10], Enumerable.Range(0, rows.Count).Select(rows.LineOf));
    }

    [Theory]
    [InlineData("metric,value\ncapex,8295.13\ngap,82", "line 3: the last line has no line end; the file is cut short")]
    [InlineData("metric,value\ncapex,8295.13\ngap\n", "line 3: 1 of 2 fields; the row is incomplete")]
    [InlineData("metric,value\ncapex,8295.13\n\"gap, cut", "line 3: the file ends inside a quoted field; it is cut short")]
    [InlineData("metric,value\ncapex,8295.13\n\"gap\n", "line 3: the file ends inside a quoted field; it is cut short")]
    [InlineData("metric,value", "line 1: the last line has no line end; the file is cut short")]
    public void ATornTableIsRefusedNamingTheFileAndLine(string text, string message)
    {
        var path = File(text);
        Assert.Equal($"{path} {message}", Refused(path));
    }

    [Theory]
    [InlineData("metric,value\ncapex,1,2\n", "line 2: 3 fields; the header has 2")]
    [InlineData("metric,value\ncapex,high\n", "line 2: value 'high' is not a number")]
    [InlineData("metric,value\n5\" screen,1\n", "line 2: a quote inside an unquoted field; quote the field and double the quote")]
    [InlineData("metric,value\n\"capex\"x,1\n", "line 2: text after the closing quote of a field")]
    [InlineData("run_id,metric,value\n", ": header is 'run_id,metric,value'; expected 'metric,value'")]
    [InlineData("", ": empty file; expected the header 'metric,value'")]
    public void DamagedTablesAreOneLineErrors(string text, string message)
    {
        var path = File(text);
        var error = Refused(path);
        Assert.Equal($"{path}{(message.StartsWith(':') ? "" : " ")}{message}", error);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void BlankLinesAreSkippedAndLinesStillCounted()
    {
        var rows = Read(File("metric,value\n\ncapex,1\r\n\r\ngap,2\n"));
        Assert.Equal(["capex", "gap"], rows.Select(r => r.Metric));
        Assert.Equal([3, 5], new[] { rows.LineOf(0), rows.LineOf(1) });
    }

    [Fact]
    public void ARowCountOtherThanTheManifestsIsRefused()
    {
        var path = File("metric,value\ncapex,1\ngap,2\n");
        Assert.Equal(2, Read(path, expectedRows: 2).Count);
        Assert.Equal($"{path}: 2 rows, but its manifest records 3; the table is incomplete", Refused(path, 3));
        Assert.Equal($"{path}: 2 rows, but its manifest records 1; the table was changed after it was written", Refused(path, 1));
    }

    [Fact]
    public void LongTablesAndRowsLongerThanTheBufferReadBackExactly()
    {
        var rows = Enumerable.Range(0, 50_000).Select(i => new SummaryRow($"m{i % 97}", i / 7.0))
            .Append(new SummaryRow(new string('x', 200_000) + ",\"", 1)).ToList();
        var path = _dir["long.csv"];
        CsvTable.Write(path, Columns, rows);
        Assert.Equal(rows, Read(path, expectedRows: rows.Count));
        Assert.Equal(rows, CsvTable.Stream<SummaryRow>(path, Columns, rows.Count));
    }

    [Fact]
    public void ARunDirectoryReadsBackWhatWasWritten()
    {
        using var scenario = System.Text.Json.JsonDocument.Parse("{\"Name\":\"baseline\"}");
        var written = new RunTables(new RunManifest("baseline", 3, scenario.RootElement.Clone()),
            [new TimeseriesRow(0, "2025-01", "Odd, \"Name\"", "cloud", "utilization", 1.0 / 3)],
            [new SummaryRow("justified", 0)],
            [new EventRow(0, "2025-01", "AWS", "ContractSigned", "OpenAI", 38, "rule=AnnouncedDeal months=84, \"7 years\"")]);
        written.WriteTo(_dir["run"]);
        var read = RunTables.Read(_dir["run"]);
        Assert.Equal(written.Timeseries, read.Timeseries);
        Assert.Equal(written.Summary, read.Summary);
        Assert.Equal(written.Events, read.Events);
        Assert.Equal(("baseline", 3), (read.Manifest.ScenarioName, read.Manifest.Seed));
        Assert.True(System.Text.Json.JsonElement.DeepEquals(scenario.RootElement, read.Manifest.Scenario));
    }
}
