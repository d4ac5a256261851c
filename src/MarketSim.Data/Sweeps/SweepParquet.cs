using MarketSim.Data.Parquet;

namespace MarketSim.Data.Sweeps;

/// <summary>
/// A finished sweep's tables stored as Parquet. The sweep appends to its CSV tables while it runs (they are what a
/// resume continues from); once it has finished, each is written as Parquet, then the manifest naming the Parquet
/// files, and only then are the CSV files removed, so a kill at any moment leaves a directory a resume finishes.
/// </summary>
public static class SweepParquet
{
    /// <summary>Writes the tables of <paramref name="finished"/> (its CSV row counts) as Parquet, then its manifest.</summary>
    public static void Store(string directory, SweepManifest finished)
    {
        var csv = finished.TableRows ?? throw new InvalidOperationException("only a finished sweep's tables are stored as Parquet");
        var tables = ParquetTables.Convert(directory, csv);
        (finished with { TableRows = tables, Format = TableFormat.Parquet }).Write(directory);
        ParquetTables.RemoveCsv(directory, csv.Keys);
    }

    /// <summary>
    /// Whether <paramref name="directory"/> holds a sweep whose tables are already Parquet (its manifest names them);
    /// CSV files a killed <see cref="Store"/> left behind are removed.
    /// </summary>
    public static bool Stored(string directory)
    {
        var path = Path.Combine(directory, SweepFiles.Manifest);
        if (!File.Exists(path)) return false;
        var manifest = SweepManifest.Read(path);
        if (manifest.TableRows is not { } rows || !rows.Keys.Any(k => k.EndsWith(TableFormats.ParquetExtension, StringComparison.Ordinal)))
            return false;
        ParquetTables.RemoveCsv(directory, rows.Keys.Select(k => Path.ChangeExtension(k, TableFormats.CsvExtension)));
        return true;
    }

    /// <summary>Removes Parquet tables of an earlier sweep, before a new one writes its CSV tables there.</summary>
    public static void RemoveStale(string directory)
    {
        foreach (var table in SweepFiles.All.Where(f => f.EndsWith(TableFormats.CsvExtension, StringComparison.Ordinal)))
            File.Delete(Path.Combine(directory, TableFormats.FileName(table, TableFormat.Parquet)));
    }
}
