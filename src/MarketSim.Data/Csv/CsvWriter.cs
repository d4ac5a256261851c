using System.Globalization;
using System.Text;

namespace MarketSim.Data.Csv;

/// <summary>
/// Writes the project's one CSV dialect (RFC 4180): comma separated, '\n' after every row, UTF-8 without a BOM,
/// numbers in invariant round-trip form ("R": NaN and Infinity spelled so), and quotes only around a field that
/// holds a comma, a quote or a line break or that starts or ends with a space. Wraps a file or, for rows rendered on
/// a worker thread, a <see cref="StringBuilder"/>.
/// </summary>
public sealed class CsvWriter : IDisposable
{
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private const int BufferSize = 1 << 16;

    private readonly TextWriter _out;
    private readonly bool _owns;
    private bool _rowStarted;

    public CsvWriter(TextWriter output, bool owns = false)
    {
        _out = output;
        _owns = owns;
    }

    /// <summary>Rows into a StringBuilder (invariant culture).</summary>
    public CsvWriter(StringBuilder output) : this(new StringWriter(output, CultureInfo.InvariantCulture), owns: true) { }

    /// <summary>Rows into a stream, which the writer closes.</summary>
    public static CsvWriter Over(Stream stream) => new(new StreamWriter(stream, Utf8, BufferSize) { NewLine = "\n" }, owns: true);

    /// <summary>Data rows ended so far (the header is not counted).</summary>
    public long Rows { get; private set; }

    public CsvWriter Header(IEnumerable<string> columns)
    {
        foreach (var column in columns) Text(column);
        EndLine();
        return this;
    }

    public CsvWriter Text(string field)
    {
        Separate();
        if (NeedsQuotes(field)) _out.Write(Quoted(field));
        else _out.Write(field);
        return this;
    }

    public CsvWriter Number(double value)
    {
        Separate();
        Span<char> text = stackalloc char[32];
        if (value.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture)) _out.Write(text[..length]);
        else _out.Write(value.ToString("R", CultureInfo.InvariantCulture));
        return this;
    }

    public CsvWriter Integer(long value)
    {
        Separate();
        Span<char> text = stackalloc char[20];
        value.TryFormat(text, out var length, provider: CultureInfo.InvariantCulture);
        _out.Write(text[..length]);
        return this;
    }

    /// <summary>A yes/no column, written 1 or 0.</summary>
    public CsvWriter Flag(bool value) => Integer(value ? 1 : 0);

    /// <summary>An optional number: empty when absent.</summary>
    public CsvWriter Number(double? value) => value is { } v ? Number(v) : Text("");

    /// <summary>A value that may be undefined: NaN is written as an empty field.</summary>
    public CsvWriter NumberOrEmpty(double value) => Number(double.IsNaN(value) ? null : value);

    public void EndRow()
    {
        EndLine();
        Rows++;
    }

    public void Flush() => _out.Flush();

    public void Dispose()
    {
        if (_owns) _out.Dispose();
        else _out.Flush();
    }

    private void EndLine()
    {
        _out.Write('\n');
        _rowStarted = false;
    }

    private void Separate()
    {
        if (_rowStarted) _out.Write(',');
        _rowStarted = true;
    }

    public static bool NeedsQuotes(ReadOnlySpan<char> field) =>
        field.IndexOfAny(",\"\r\n") >= 0 || (field.Length > 0 && (field[0] == ' ' || field[^1] == ' '));

    private static string Quoted(string field) => "\"" + field.Replace("\"", "\"\"") + "\"";
}
