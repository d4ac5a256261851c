using MarketSim.Data.Csv;
using Parquet;
using Parquet.Schema;

namespace MarketSim.Data.Parquet;

/// <summary>
/// A Parquet table read as the CSV text the format writes: the header, then each row group rendered when the reader
/// reaches it, so memory holds one row group's text at a time. A file that is not a whole Parquet table (cut short,
/// damaged) is one line naming it.
/// </summary>
internal sealed class ParquetCsvStream : Stream
{
    private readonly string _path;
    private readonly FileStream _file;
    private readonly ParquetReader _reader;
    private readonly DataField[] _fields;
    private readonly MemoryStream _text = new();
    private int _nextGroup;

    private ParquetCsvStream(string path, FileStream file, ParquetReader reader)
    {
        _path = path;
        _file = file;
        _reader = reader;
        _fields = reader.Schema.GetDataFields();
        Render(csv => csv.Header(_fields.Select(f => f.Name)));
    }

    public static ParquetCsvStream Open(string path)
    {
        if (!File.Exists(path)) throw new DataFileException($"{path}: file not found");
        var file = File.OpenRead(path);
        try
        {
            return new ParquetCsvStream(path, file, Guard(path, () => ParquetReader.CreateAsync(file).GetAwaiter().GetResult()));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        while (_text.Position == _text.Length)
        {
            if (_nextGroup == _reader.RowGroupCount) return 0;
            var group = _nextGroup++;
            Guard(_path, () => RenderGroup(group).GetAwaiter().GetResult());
        }
        return _text.Read(buffer, offset, count);
    }

    private async Task<bool> RenderGroup(int g)
    {
        using var group = _reader.OpenRowGroupReader(g);
        var n = checked((int)group.RowCount);
        var cells = new Func<CsvWriter, int, CsvWriter>[_fields.Length];
        for (var c = 0; c < _fields.Length; c++) cells[c] = await Column(group, _fields[c], n);
        Render(csv =>
        {
            for (var r = 0; r < n; r++)
            {
                foreach (var cell in cells) cell(csv, r);
                csv.EndRow();
            }
        });
        return true;
    }

    // Reads one column of a row group; returns what writes row r's cell.
    private static async Task<Func<CsvWriter, int, CsvWriter>> Column(ParquetRowGroupReader group, DataField field, int n)
    {
        if (field.ClrType == typeof(int))
        {
            var values = new int[n];
            await group.ReadAsync<int>(field, values);
            return (csv, r) => csv.Integer(values[r]);
        }
        if (field.ClrType == typeof(long))
        {
            var values = new long[n];
            await group.ReadAsync<long>(field, values);
            return (csv, r) => csv.Integer(values[r]);
        }
        if (field.ClrType == typeof(double))
        {
            var values = new double?[n];
            await group.ReadAsync<double>(field, values);
            return (csv, r) => csv.Number(values[r]);
        }
        if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
        {
            var values = new string[n];
            await group.ReadAsync(field, values);
            return (csv, r) => csv.Text(values[r] ?? "");
        }
        throw new InvalidDataException($"column '{field.Name}' has type {field.ClrType.Name}, which no table of the format has");
    }

    // Replaces the buffered text with what write renders.
    private void Render(Action<CsvWriter> write)
    {
        _text.SetLength(0);
        using (var csv = CsvWriter.Over(new KeepOpen(_text))) write(csv);
        _text.Position = 0;
    }

    private static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not DataFileException and not OutOfMemoryException)
        {
            throw new DataFileException($"{path}: not a whole Parquet table ({e.Message.ReplaceLineEndings(" ")})");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _file.Dispose();
            _text.Dispose();
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Lets the CSV writer close its writer without closing the buffer it wrote into.</summary>
    private sealed class KeepOpen(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    }
}
