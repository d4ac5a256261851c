using System.Collections;

namespace MarketSim.Core.Engine;

/// <summary>
/// A world's agents of one kind, in their fixed order. It reads as any <see cref="IReadOnlyList{T}"/>, but a
/// <c>foreach</c> over it takes a struct enumerator: the month walks the agents dozens of times, and through the
/// interface every walk left a boxed enumerator behind for the collector.
/// </summary>
public sealed class Roster<T> : IReadOnlyList<T>
{
    private readonly T[] _agents;

    internal Roster(IEnumerable<T> agents) => _agents = [.. agents];

    public int Count => _agents.Length;

    public T this[int index] => _agents[index];

    public ArraySegment<T>.Enumerator GetEnumerator() => new ArraySegment<T>(_agents).GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)_agents).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _agents.GetEnumerator();
}
