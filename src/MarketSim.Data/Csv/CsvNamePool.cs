using System.Runtime.CompilerServices;
using System.Text;

namespace MarketSim.Data.Csv;

/// <summary>
/// The texts a reader hands out for names, dates and design values, each stored once: a timeseries repeats a few
/// hundred names over millions of rows, and a string per field would be most of a read's allocation.
/// </summary>
internal sealed class CsvNamePool
{
    /// <summary>Longer texts are not pooled (they are rarely repeated and would fill the pool).</summary>
    public const int LongestName = 128;

    private const int PoolLimit = 1 << 16;
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);
    private RecentNames[] _recent = [];

    /// <summary>The text of a field's UTF-8 bytes (at most <see cref="LongestName"/> of them), shared with earlier rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(int field, ReadOnlySpan<byte> bytes)
    {
        if (field >= _recent.Length) Array.Resize(ref _recent, field + 1);
        ref var recent = ref _recent[field];
        if (recent.Find(bytes) is { } same) return same;
        Span<char> chars = stackalloc char[LongestName];
        var n = Encoding.UTF8.GetChars(bytes, chars);
        var lookup = _pool.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(chars[..n], out var text))
        {
            text = new string(chars[..n]);
            if (_pool.Count < PoolLimit) _pool[text] = text;
        }
        recent.Remember(text);
        return text;
    }

    /// <summary>
    /// The two texts a column held last, compared as bytes before the pool is asked: a design's values recur within
    /// a Saltelli block or a Morris trajectory (more distinct values than the pool keeps), a timeseries' dates and
    /// names from row to row. Only ASCII texts match, which every number and key is.
    /// </summary>
    private struct RecentNames
    {
        private string? _last, _before;

        public readonly string? Find(ReadOnlySpan<byte> bytes) =>
            _last is not null && Ascii.Equals(bytes, _last) ? _last
            : _before is not null && Ascii.Equals(bytes, _before) ? _before
            : null;

        public void Remember(string text)
        {
            _before = _last;
            _last = text;
        }
    }
}
