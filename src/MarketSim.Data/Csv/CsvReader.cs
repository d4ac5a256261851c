using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace MarketSim.Data.Csv;

/// <summary>
/// Reads a CSV table strictly, record by record, from a byte buffer (no string per byte, numbers parsed from UTF-8).
/// Accepts what other tools write: LF or CRLF line ends, an optional UTF-8 BOM, RFC 4180 quoting (commas, doubled
/// quotes and line breaks inside quoted fields); blank lines are skipped. Refuses, with one line naming the file and
/// line: a header other than the expected one, a record with another field count than the header, a stray quote,
/// and a torn end (a last line without its line end, or an unclosed quote), which is what an interrupted write or
/// copy leaves: the writer ends every row with a line end.
/// </summary>
public sealed class CsvReader : IDisposable
{
    private static readonly Encoding Utf8 = Encoding.UTF8;

    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 16];
    private int _pos, _end;
    private bool _eof;
    private int _nextLine = 1;
    private int[] _starts = new int[16], _lengths = new int[16];
    private int _fields;
    private readonly CsvNamePool _names = new();

    private CsvReader(string path, Stream stream)
    {
        Path = path;
        _stream = stream;
        Header = [];
    }

    /// <summary>
    /// Opens <paramref name="path"/> and checks its header: exactly <paramref name="columns"/>, or, with
    /// <paramref name="prefix"/>, starting with them. A table stored as Parquet (table.parquet, or in place of a
    /// missing table.csv) is read as the CSV it holds, so every reader takes either format.
    /// </summary>
    public static CsvReader Open(string path, IReadOnlyList<string> columns, bool prefix = false)
    {
        path = TableFormats.Resolve(path);
        if (path.EndsWith(TableFormats.ParquetExtension, StringComparison.Ordinal))
            return Open(Parquet.ParquetTables.ToCsv(path), path, columns, prefix);
        if (!File.Exists(path)) throw new DataFileException($"{path}: file not found");
        var reader = new CsvReader(path, new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1));
        try
        {
            reader.ReadHeader(columns, prefix);
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads a table from a stream (an embedded resource, say), named <paramref name="name"/> in errors; the reader
    /// closes the stream. An empty <paramref name="columns"/> with <paramref name="prefix"/> accepts any header.
    /// </summary>
    public static CsvReader Open(Stream stream, string name, IReadOnlyList<string> columns, bool prefix = false)
    {
        var reader = new CsvReader(name, stream);
        try
        {
            reader.ReadHeader(columns, prefix);
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>The position of a column in the header; an error naming the table when it is missing.</summary>
    public int Column(string column)
    {
        for (var i = 0; i < Header.Count; i++) if (Header[i] == column) return i;
        throw new DataFileException($"{Path}: no column '{column}' in the header");
    }

    /// <summary>The file, as named in every error.</summary>
    public string Path { get; }

    public IReadOnlyList<string> Header { get; private set; }

    /// <summary>The line the current record starts on (the header is line 1).</summary>
    public int Line { get; private set; }

    /// <summary>Records read so far, the header not counted.</summary>
    public long Rows { get; private set; }

    /// <summary>Moves to the next record; false at the end of the file.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        if (!NextRecord()) return false;
        if (_fields != Header.Count)
            throw Error(_fields < Header.Count
                ? $"{_fields} of {Header.Count} fields; the row is incomplete"
                : $"{_fields} fields; the header has {Header.Count}");
        Rows++;
        return true;
    }

    public string Text(int field) => Utf8.GetString(Bytes(field));

    /// <summary>A field's bytes as the file has them (quotes undone), valid until the next record is read.</summary>
    public ReadOnlySpan<byte> Field(int field) => Bytes(field);

    /// <summary>Text that recurs from row to row (names, dates), stored once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Name(int field)
    {
        var bytes = Bytes(field);
        return bytes.Length > CsvNamePool.LongestName ? Utf8.GetString(bytes) : _names.Get(field, bytes);
    }

    /// <summary>A number in invariant form; NaN and Infinity are numbers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Number(int field) =>
        double.TryParse(Bytes(field), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Error(field, "is not a number");

    /// <summary>A number, or null for an empty field.</summary>
    public double? OptionalNumber(int field) => Bytes(field).IsEmpty ? null : Number(field);

    /// <summary>A value that may be undefined: an empty field (or NaN) is NaN.</summary>
    public double NumberOrNaN(int field) => OptionalNumber(field) ?? double.NaN;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Integer(int field) =>
        int.TryParse(Bytes(field), NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Error(field, "is not a whole number >= 0");

    /// <summary>A whole number that may be negative (a seed written by another tool).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int SignedInteger(int field) =>
        int.TryParse(Bytes(field), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Error(field, "is not a whole number");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Long(int field) =>
        long.TryParse(Bytes(field), NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Error(field, "is not a whole number >= 0");

    /// <summary>A yes/no column written as 1 or 0.</summary>
    public bool Flag(int field) => Bytes(field) switch
    {
        [(byte)'1'] => true,
        [(byte)'0'] => false,
        _ => throw Error(field, "is not allowed; allowed 1 or 0"),
    };

    public DataFileException Error(string detail) => new($"{Path} line {Line}: {detail}");

    /// <summary>An error about one field, quoting it: <c>FILE line N: value 'x' is not a number</c>.</summary>
    public DataFileException Error(int field, string detail) => Error($"{Header[field]} '{Text(field)}' {detail}");

    public void Dispose() => _stream.Dispose();

    private ReadOnlySpan<byte> Bytes(int field) => _buffer.AsSpan(_starts[field], _lengths[field]);

    private void ReadHeader(IReadOnlyList<string> columns, bool prefix)
    {
        Fill();
        if (_end - _pos >= 3 && _buffer.AsSpan(_pos, 3).SequenceEqual("\uFEFF"u8)) _pos += 3;
        if (!NextRecord()) throw new DataFileException($"{Path}: empty file; expected the header '{string.Join(',', columns)}'");
        Header = Enumerable.Range(0, _fields).Select(Text).ToArray();
        var matches = prefix
            ? Header.Count >= columns.Count && Header.Take(columns.Count).SequenceEqual(columns)
            : Header.SequenceEqual(columns);
        if (!matches)
            throw new DataFileException($"{Path}: header is '{string.Join(',', Header)}'; expected '{string.Join(',', columns)}'" +
                (prefix ? " first" : ""));
    }

    /// <summary>Splits the next non-blank record into fields (quotes removed, doubled quotes undone in place).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool NextRecord()
    {
        while (true)
        {
            var end = RecordEnd(out var breaks);
            if (end < 0) return false;
            Line = _nextLine;
            _nextLine += 1 + breaks;
            var length = end - _pos;
            if (length > 0 && _buffer[end - 1] == '\r') length--;
            var start = _pos;
            _pos = end + 1;
            if (length == 0) continue;
            Split(start, length);
            return true;
        }
    }

    /// <summary>
    /// The index of the '\n' ending the record at the read position (outside quotes), or -1 at the end. A quote opens
    /// a quoted field only at the start of a field (or right after the quote that closed one: a doubled quote); any
    /// other quote is left for <see cref="Split"/> to refuse.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int RecordEnd(out int breaks)
    {
        var scanned = 0;
        var quoted = false;
        var closedAt = -2;
        breaks = 0;
        while (true)
        {
            int i;
            while ((i = _buffer.AsSpan(_pos + scanned, _end - _pos - scanned).IndexOfAny((byte)'"', (byte)'\n')) >= 0)
            {
                var at = scanned + i;
                scanned = at + 1;
                if (_buffer[_pos + at] == '\n')
                {
                    if (!quoted) return _pos + at;
                    breaks++;
                }
                else if (quoted)
                {
                    quoted = false;
                    closedAt = at;
                }
                else if (at == 0 || _buffer[_pos + at - 1] == ',' || closedAt == at - 1) quoted = true;
            }
            scanned = _end - _pos;
            if (_eof)
            {
                if (scanned == 0) return -1;
                Line = _nextLine;
                throw Error(quoted
                    ? "the file ends inside a quoted field; it is cut short"
                    : "the last line has no line end; the file is cut short");
            }
            Fill();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Split(int start, int length)
    {
        _fields = 0;
        var i = start;
        var end = start + length;
        while (true)
        {
            if (i < end && _buffer[i] == '"')
            {
                var write = i;
                var read = i + 1;
                while (true)
                {
                    var q = _buffer.AsSpan(read, end - read).IndexOf((byte)'"');
                    if (q < 0) throw Error("a quoted field is not closed");
                    _buffer.AsSpan(read, q).CopyTo(_buffer.AsSpan(write));
                    write += q;
                    read += q + 1;
                    if (read < end && _buffer[read] == '"')
                    {
                        _buffer[write++] = (byte)'"';
                        read++;
                        continue;
                    }
                    break;
                }
                Add(i, write - i);
                if (read == end) return;
                if (_buffer[read] != ',') throw Error("text after the closing quote of a field");
                i = read + 1;
            }
            else
            {
                var comma = _buffer.AsSpan(i, end - i).IndexOf((byte)',');
                var stop = comma < 0 ? end : i + comma;
                if (_buffer.AsSpan(i, stop - i).Contains((byte)'"'))
                    throw Error("a quote inside an unquoted field; quote the field and double the quote");
                Add(i, stop - i);
                if (comma < 0) return;
                i = stop + 1;
            }
        }
    }

    private void Add(int start, int length)
    {
        if (_fields == _starts.Length)
        {
            Array.Resize(ref _starts, _fields * 2);
            Array.Resize(ref _lengths, _fields * 2);
        }
        _starts[_fields] = start;
        _lengths[_fields++] = length;
    }

    /// <summary>Moves the unread bytes to the front, grows the buffer when a record fills it, and reads more.</summary>
    private void Fill()
    {
        if (_pos > 0)
        {
            Array.Copy(_buffer, _pos, _buffer, 0, _end - _pos);
            _end -= _pos;
            _pos = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        _end += read;
    }
}
