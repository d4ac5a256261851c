namespace MarketSim.Core.Scenarios.Binding;

/// <summary>
/// The agents of one kind, in ordinal name order, compared by content so that scenarios (records) compare
/// equal when they configure the same agents the same way.
/// </summary>
internal sealed class AgentTable<TEntry> : Dictionary<string, TEntry>, IEquatable<AgentTable<TEntry>>
{
    public AgentTable(IEnumerable<KeyValuePair<string, TEntry>> entries) : base(StringComparer.Ordinal)
    {
        foreach (var (name, entry) in entries.OrderBy(e => e.Key, StringComparer.Ordinal)) Add(name, entry);
    }

    public bool Equals(AgentTable<TEntry>? other)
    {
        if (other is null || other.Count != Count) return false;
        var comparer = EqualityComparer<TEntry>.Default;
        foreach (var (name, entry) in this)
            if (!other.TryGetValue(name, out var theirs) || !comparer.Equals(entry, theirs)) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as AgentTable<TEntry>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (name, entry) in this)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(entry);
        }
        return hash.GetHashCode();
    }
}
