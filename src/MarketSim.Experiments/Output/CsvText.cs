using System.Globalization;
using System.Text;

namespace MarketSim.Experiments.Output;

/// <summary>RFC 4180 text the project's way: invariant "R" doubles, quotes only when needed, '\n' line ends.</summary>
internal static class CsvText
{
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static string Field(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";

    public static StringBuilder AppendField(this StringBuilder sb, string s) => sb.Append(Field(s));

    public static StringBuilder AppendNumber(this StringBuilder sb, double x)
    {
        Span<char> buffer = stackalloc char[32];
        return x.TryFormat(buffer, out var n, "R", CultureInfo.InvariantCulture)
            ? sb.Append(buffer[..n])
            : sb.Append(x.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>A summary value: empty when undefined (NaN), as a run's summary.csv writes it.</summary>
    public static StringBuilder AppendSummaryValue(this StringBuilder sb, double x) => double.IsNaN(x) ? sb : sb.AppendNumber(x);

    public static string Header(IEnumerable<string> columns) => string.Join(',', columns.Select(Field)) + "\n";

    /// <summary>The run id at the start of a data line, or -1 when the line does not start with one.</summary>
    public static long LeadingId(ReadOnlySpan<byte> line)
    {
        long id = 0;
        var i = 0;
        for (; i < line.Length && line[i] is >= (byte)'0' and <= (byte)'9'; i++) id = id * 10 + (line[i] - '0');
        return i == 0 || i > 18 || (i < line.Length && line[i] != ',') ? -1 : id;
    }
}
