using System.Globalization;
using System.Text;

namespace MarketSim.Plots.Tests.Fixtures;

/// <summary>Writes fixture files the way the run and sweep commands do: invariant "R" doubles, \n line ends.</summary>
internal sealed class CsvText(params string[] header)
{
    private readonly StringBuilder _text = new(string.Join(",", header) + "\n");

    public CsvText Row(params object[] fields)
    {
        _text.Append(string.Join(",", fields.Select(Format))).Append('\n');
        return this;
    }

    public void Save(string path) => File.WriteAllText(path, _text.ToString());

    private static string Format(object field) => field switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s when s.Contains(',') || s.Contains('"') => "\"" + s.Replace("\"", "\"\"") + "\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => field.ToString() ?? "",
    };
}
