using System.Collections;

namespace MarketSim.Data.Csv;

/// <summary>
/// Rows appended in blocks of 4,096. A table read row by row never needs an array of a megabyte or more (the
/// collector puts those on the large object heap, where each counts towards a full collection: reading an
/// 80,000-run sweep's tables set off several) and is never copied as it grows.
/// </summary>
internal sealed class ChunkedRows<T> : IReadOnlyList<T>
{
    private const int Shift = 12;
    private const int Size = 1 << Shift;
    private const int Mask = Size - 1;
    private readonly List<T[]> _chunks = [];

    public int Count { get; private set; }

    public T this[int index] => (uint)index < (uint)Count
        ? _chunks[index >> Shift][index & Mask]
        : throw new ArgumentOutOfRangeException(nameof(index));

    public void Add(T row)
    {
        if ((Count & Mask) == 0) _chunks.Add(new T[Size]);
        _chunks[^1][Count & Mask] = row;
        Count++;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return _chunks[i >> Shift][i & Mask];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
