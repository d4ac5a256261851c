using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace MarketSim.Plots.Input;

/// <summary>Reads the tidy CSV files of run and sweep directories, turning malformed input into one-line errors.</summary>
internal static class CsvInput
{
    private static readonly CsvConfiguration Config = new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = true,
        DetectColumnCountChanges = false,
        BadDataFound = null,
    };

    /// <summary>Reads <paramref name="path"/>, checks that the header holds <paramref name="required"/>, and hands
    /// each row to <paramref name="row"/> as a field accessor.</summary>
    public static IReadOnlyList<string> Read(string path, IReadOnlyList<string> required, Action<Row> row)
    {
        if (!File.Exists(path)) throw new PlotInputException($"{path}: file not found");
        try
        {
            return ReadRows(path, required, row);
        }
        catch (CsvHelperException e)
        {
            throw new PlotInputException($"{path}: line {e.Context?.Parser?.RawRow}: malformed CSV ({e.GetType().Name})");
        }
    }

    private static IReadOnlyList<string> ReadRows(string path, IReadOnlyList<string> required, Action<Row> row)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, Config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            throw new PlotInputException($"{path}: empty file; expected a header with {string.Join(",", required)}");
        }
        var header = csv.HeaderRecord;
        var missing = required.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new PlotInputException(
                $"{path}: missing column(s) {string.Join(",", missing)}; expected {string.Join(",", required)}");
        }
        var index = header.Select((name, i) => (name, i)).ToDictionary(t => t.name, t => t.i);
        var accessor = new Row(path, csv, index);
        while (csv.Read())
        {
            row(accessor);
        }
        return header;
    }

    internal sealed class Row(string path, CsvReader csv, Dictionary<string, int> index)
    {
        public int Line => csv.Parser.RawRow;

        public bool Has(string column) => index.ContainsKey(column);

        public string Text(string column)
        {
            var i = index[column];
            return csv.Parser.Count > i ? csv.Parser[i] ?? "" : throw Bad(column, "missing field");
        }

        public double Number(string column)
        {
            var text = Text(column);
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
            throw Bad(column, $"'{text}' is not a number");
        }

        /// <summary>A summary value: empty means undefined (NaN).</summary>
        public double NumberOrMissing(string column) => Text(column).Length == 0 ? double.NaN : Number(column);

        public int Integer(string column)
        {
            var text = Text(column);
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0) return v;
            throw Bad(column, $"'{text}' is not a non-negative integer");
        }

        private PlotInputException Bad(string column, string what) =>
            new($"{path}: line {Line}, column {column}: {what}");
    }
}
