using System.Globalization;
using DuckDB.NET.Data;
using MarketSim.Cli;
using MarketSim.Data;
using MarketSim.Data.Csv;
using MarketSim.Data.Sweeps;

namespace MarketSim.Experiments.Tests;

/// <summary>--format parquet: the same tables as the CSV, read back by DuckDB, and by every MarketSim reader.</summary>
public class ParquetTests
{
    private static readonly string[] SweepTables = ["design", "summary", "timeseries", "runs"];
    private static readonly string[] RunTables = ["timeseries", "summary", "events"];

    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Invoke(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static SweepOutcome Sweep(string dir, TableFormat format, bool resume = false) =>
        SweepRunner.Run(Specs.Parse(Specs.Small), new SweepOptions(dir, Workers: 2, Resume: resume, Format: format), _ => new FakeModel());

    [Fact]
    public void A_sweep_stored_as_Parquet_holds_its_CSV_tables_value_for_value_as_DuckDB_reads_them()
    {
        using var tmp = new TempDir();
        Sweep(tmp["csv"], TableFormat.Csv);
        CopyDirectory(tmp["csv"], tmp["parquet"]);
        // A finished CSV sweep resumed with --format parquet is stored as Parquet: the very rows of the CSV tables.
        var outcome = Sweep(tmp["parquet"], TableFormat.Parquet, resume: true);
        Assert.Equal(0, outcome.Ran);

        foreach (var table in SweepTables)
        {
            Assert.False(File.Exists(tmp[$"parquet/{table}.csv"]), $"{table}.csv is left beside {table}.parquet");
            AssertSameValues(tmp[$"csv/{table}.csv"], tmp[$"parquet/{table}.parquet"]);
        }
        var manifest = SweepManifest.Read(tmp["parquet/manifest.json"]);
        var csvManifest = SweepManifest.Read(tmp["csv/manifest.json"]);
        Assert.Equal(TableFormat.Parquet, manifest.Format);
        Assert.Equal(csvManifest.TableRows!.ToDictionary(t => Path.ChangeExtension(t.Key, ".parquet"), t => t.Value), manifest.TableRows);
        Assert.Contains("\"format\": \"parquet\"", File.ReadAllText(tmp["parquet/manifest.json"]));
        Assert.DoesNotContain("\"format\"", File.ReadAllText(tmp["csv/manifest.json"]));

        // A resume of the stored sweep finds it finished and leaves it as it is.
        var bytes = Directory.GetFiles(tmp["parquet"]).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        Assert.Equal(0, Sweep(tmp["parquet"], TableFormat.Parquet, resume: true).Ran);
        Assert.All(bytes, f => Assert.Equal(f.Value, File.ReadAllBytes(tmp[$"parquet/{f.Key}"])));
    }

    [Fact]
    public void Parquet_tables_are_byte_identical_for_one_seed_and_read_like_the_CSV_by_analyze_plot_and_report()
    {
        using var tmp = new TempDir();
        Sweep(tmp["csv"], TableFormat.Csv);
        Sweep(tmp["a"], TableFormat.Parquet);
        Sweep(tmp["b"], TableFormat.Parquet, resume: false);
        foreach (var table in new[] { "design", "summary", "timeseries" })
            Assert.Equal(File.ReadAllBytes(tmp[$"a/{table}.parquet"]), File.ReadAllBytes(tmp[$"b/{table}.parquet"]));
        Assert.Equal(File.ReadAllBytes(tmp["a/manifest.json"]), File.ReadAllBytes(tmp["b/manifest.json"]));

        // The reader seam: a Parquet table reads as the very CSV the sweep would have written (runs' seconds aside).
        foreach (var table in new[] { "design", "summary", "timeseries" })
            Assert.Equal(File.ReadAllText(tmp[$"csv/{table}.csv"]), new StreamReader(Data.Parquet.ParquetTables.ToCsv(tmp[$"a/{table}.parquet"])).ReadToEnd());

        foreach (var dir in new[] { "csv", "a" })
        {
            Assert.Equal(0, Cli("analyze", tmp[dir]).Code);
            Assert.Equal(0, Cli("report", tmp[dir]).Code);
        }
        foreach (var file in Directory.GetFiles(tmp["csv/analysis"]))
            Assert.Equal(File.ReadAllText(file), File.ReadAllText(tmp[$"a/analysis/{Path.GetFileName(file)}"]));
        Assert.Equal(Directory.GetFiles(tmp["csv/plots"]).Select(Path.GetFileName).Order(), Directory.GetFiles(tmp["a/plots"]).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_run_in_Parquet_holds_the_CSV_run_value_for_value_and_plots_from_it()
    {
        using var tmp = new TempDir();
        string[] run = ["run", "--set", "Clock:End=2028-06", "--no-plots"];
        Assert.Equal(0, Cli([.. run, "--out", tmp["csv"]]).Code);
        Assert.Equal(0, Cli([.. run, "--out", tmp["parquet"], "--format", "parquet"]).Code);
        Assert.Equal(0, Cli([.. run, "--out", tmp["again"], "--format", "parquet"]).Code);
        foreach (var table in RunTables)
        {
            AssertSameValues(tmp[$"csv/{table}.csv"], tmp[$"parquet/{table}.parquet"]);
            Assert.Equal(File.ReadAllBytes(tmp[$"parquet/{table}.parquet"]), File.ReadAllBytes(tmp[$"again/{table}.parquet"]));
            Assert.False(File.Exists(tmp[$"parquet/{table}.csv"]));
        }
        Assert.Equal(0, Cli("plot", tmp["parquet"]).Code);
        Assert.Equal(0, Cli("plot", tmp["csv"]).Code);
        foreach (var file in Directory.GetFiles(tmp["csv/plots"]))
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(tmp[$"parquet/plots/{Path.GetFileName(file)}"]));
        // A run replaces an earlier run in either format.
        Assert.Equal(0, Cli([.. run, "--out", tmp["parquet"]]).Code);
        Assert.True(File.Exists(tmp["parquet/summary.csv"]));
    }

    [Fact]
    public void Shards_keep_CSV_and_merge_stores_the_merged_tables_in_the_format_they_were_started_with()
    {
        using var tmp = new TempDir();
        Sweep(tmp["csv"], TableFormat.Csv);
        for (var k = 0; k < 3; k++)
            SweepRunner.Run(Specs.Parse(Specs.Small), new SweepOptions(tmp["sharded"], Shard: k, Shards: 3, Format: TableFormat.Parquet), _ => new FakeModel());
        Assert.True(File.Exists(tmp["sharded/shards/0-of-3/summary.csv"]));
        ShardMerger.Merge(tmp["sharded"]);
        foreach (var table in new[] { "design", "summary", "timeseries" })
        {
            Assert.False(File.Exists(tmp[$"sharded/{table}.csv"]));
            AssertSameValues(tmp[$"csv/{table}.csv"], tmp[$"sharded/{table}.parquet"]);
        }
        Assert.Equal(TableFormat.Parquet, SweepManifest.Read(tmp["sharded/manifest.json"]).Format);
    }

    [Fact]
    public void A_torn_Parquet_table_is_refused_naming_the_file()
    {
        using var tmp = new TempDir();
        Sweep(tmp["s"], TableFormat.Parquet);
        var path = tmp["s/summary.parquet"];
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var (code, _, err) = Cli("analyze", tmp["s"]);
        Assert.Equal(2, code);
        Assert.Contains("summary.parquet: not a whole Parquet table", err);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("run")]
    [InlineData("sweep")]
    public void A_bad_format_is_one_line_with_exit_2_and_nothing_written(string command)
    {
        using var tmp = new TempDir();
        var spec = Specs.Write(tmp, Specs.Small);
        string[] args = command == "run" ? ["run", "--out", tmp["out"], "--format", "xlsx"] : ["sweep", spec, "--out", tmp["out"], "--format", "xlsx"];
        var (code, _, err) = Cli(args);
        Assert.Equal(2, code);
        Assert.Equal("error: --format: 'xlsx' is not a table format; allowed csv or parquet\n", err);
        Assert.False(Directory.Exists(tmp["out"]));
    }

    /// <summary>Every row and value of the CSV table equals DuckDB's reading of the Parquet file, in order.</summary>
    private static void AssertSameValues(string csvPath, string parquetPath)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM read_parquet('{parquetPath.Replace("'", "''")}')";
        using var parquet = command.ExecuteReader();
        using var csv = CsvReader.Open(csvPath, [], prefix: true);
        Assert.Equal(csv.Header, Enumerable.Range(0, parquet.FieldCount).Select(parquet.GetName));
        long rows = 0;
        while (csv.Read())
        {
            Assert.True(parquet.Read(), $"{parquetPath} ends at row {rows}");
            for (var c = 0; c < csv.Header.Count; c++)
            {
                var text = csv.Text(c);
                var where = $"{Path.GetFileName(csvPath)} line {csv.Line} {csv.Header[c]}";
                if (parquet.IsDBNull(c)) { Assert.True(text == "", $"{where}: null for '{text}'"); continue; }
                switch (parquet.GetValue(c))
                {
                    case double d: Assert.True(d.Equals(double.Parse(text, CultureInfo.InvariantCulture)), $"{where}: {d:R} for '{text}'"); break;
                    case int i: Assert.Equal(text, i.ToString(CultureInfo.InvariantCulture)); break;
                    case long l: Assert.Equal(text, l.ToString(CultureInfo.InvariantCulture)); break;
                    case string s: Assert.Equal(text, s); break;
                    case var other: Assert.Fail($"{where}: DuckDB reads a {other.GetType().Name}"); break;
                }
            }
            rows++;
        }
        Assert.False(parquet.Read(), $"{parquetPath} has more rows than {csvPath}");
        Assert.True(rows > 0);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
