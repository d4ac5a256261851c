using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace MarketSim.Analysis.Sweeps;

/// <summary>Reading and writing the tidy CSV files of a sweep directory in the project's one dialect.</summary>
internal static class SweepCsv
{
    private static readonly CsvConfiguration Dialect = new(CultureInfo.InvariantCulture) { NewLine = "\n" };

    /// <summary>Streams the records after the header, checking the header and each record's width.</summary>
    public static IEnumerable<(string[] Fields, int Line)> Read(string path, IReadOnlyList<string> expectedHeader,
        bool headerPrefixOnly = false)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path)) throw new AnalysisInputException($"{name}: file not found in the sweep directory");
        using var reader = new StreamReader(path);
        using var parser = new CsvParser(reader, Dialect);
        if (!parser.Read()) throw new AnalysisInputException($"{name}: empty file; expected a header row");
        var header = parser.Record!;
        var width = headerPrefixOnly ? expectedHeader.Count : header.Length;
        if (header.Length < expectedHeader.Count || (!headerPrefixOnly && header.Length != expectedHeader.Count)
            || !header.Take(expectedHeader.Count).SequenceEqual(expectedHeader))
            throw new AnalysisInputException(
                $"{name}: header is '{string.Join(',', header)}'; expected '{string.Join(',', expectedHeader)}'" +
                (headerPrefixOnly ? " first" : ""));
        var columns = header.Length;
        while (parser.Read())
        {
            var record = parser.Record!;
            if (record.Length == 1 && record[0].Length == 0) continue;
            if (record.Length != columns)
                throw new AnalysisInputException(
                    $"{name} line {parser.RawRow}: {record.Length} fields; the header has {columns}");
            yield return (width == columns ? record : record[..width], parser.RawRow);
        }
    }

    public static int Integer(string field, string file, int line, string column) =>
        int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0
            ? v
            : throw new AnalysisInputException(
                $"{file} line {line}: {column} '{field}' is not a whole number >= 0");

    /// <summary>Parses a value; empty or "NaN" is an undefined metric (NaN), anything else non-numeric is refused.</summary>
    public static double Number(string field, string file, int line, string column) =>
        field.Length == 0 ? double.NaN
        : double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new AnalysisInputException($"{file} line {line}: {column} '{field}' is not a number");

    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        using var csv = new CsvWriter(writer, Dialect);
        foreach (var field in header) csv.WriteField(field);
        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var field in row) csv.WriteField(field);
            csv.NextRecord();
        }
    }
}
