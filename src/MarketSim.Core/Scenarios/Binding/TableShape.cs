namespace MarketSim.Core.Scenarios.Binding;

/// <summary>
/// A scenario dictionary of agents keyed by name (<c>Clouds:AWS:...</c>), seen without its generic type so the
/// binder can walk every table the same way.
/// </summary>
internal abstract class TableShape
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, TableShape> Cache = new();

    public abstract RecordShape Entry { get; }

    public abstract IEnumerable<KeyValuePair<string, object>> Entries(object table);

    /// <summary>Builds the immutable table; entries are inserted in ordinal order so iteration is deterministic.</summary>
    public abstract object Create(IEnumerable<KeyValuePair<string, object>> entries);

    public static TableShape Of(Type entryType) =>
        Cache.GetOrAdd(entryType, t => (TableShape)Activator.CreateInstance(typeof(TableShape<>).MakeGenericType(t))!);

    /// <summary>The existing entry whose name matches case-insensitively (configuration keys are), if any.</summary>
    public static string? FindName(IEnumerable<string> names, string key)
    {
        foreach (var name in names)
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase)) return name;
        return null;
    }
}

internal sealed class TableShape<TEntry> : TableShape where TEntry : class
{
    public override RecordShape Entry { get; } = RecordShape.Of(typeof(TEntry));

    public override IEnumerable<KeyValuePair<string, object>> Entries(object table) =>
        ((IReadOnlyDictionary<string, TEntry>)table).Select(e => new KeyValuePair<string, object>(e.Key, e.Value));

    public override object Create(IEnumerable<KeyValuePair<string, object>> entries) =>
        new AgentTable<TEntry>(entries.Select(e => new KeyValuePair<string, TEntry>(e.Key, (TEntry)e.Value)));
}
