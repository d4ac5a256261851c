namespace MarketSim.Core.Scenarios.Binding;

/// <summary>
/// Applies <c>Section:Key=Value</c> overrides directly to the records: only the records on each key's path are
/// copied, so a sweep can derive thousands of scenarios from one base without rebuilding any configuration.
/// </summary>
internal static class OverrideApplier
{
    public static T Apply<T>(T current, string key, string value) where T : class
    {
        var segments = key.Split(':');
        if (segments.Any(s => s.Trim().Length == 0))
            throw new ScenarioException($"'{key}': not a key; expected Section:Key (for example Demand:PriceElasticity)");
        return (T)SetInRecord(RecordShape.Of(typeof(T)), current, segments, 0, "", value);
    }

    private static object SetInRecord(RecordShape shape, object current, string[] segments, int index, string path, string value)
    {
        var property = shape.Resolve(segments[index].Trim(), path);
        var key = KeyPath.Join(path, property.Name);
        var last = index == segments.Length - 1;
        object updated;
        switch (property.Kind)
        {
            case ValueKind.Record when !last:
                updated = SetInRecord(property.Record!, property.Get(current)!, segments, index + 1, key, value);
                break;
            case ValueKind.Table when !last:
                updated = SetInTable(property.Table!, property.Get(current)!, segments, index + 1, key, value);
                break;
            case ValueKind.Record or ValueKind.Table:
                throw new ScenarioException($"{key}: is a section; name one of its keys, e.g. {Example(property, key)}");
            default:
                if (!last)
                    throw new ScenarioException($"{key}: is a value, so '{string.Join(':', segments)}' names no key");
                updated = ValueParser.Parse(property, key, value);
                break;
        }
        var copy = shape.Clone(current);
        property.Set(copy, updated);
        return copy;
    }

    private static object SetInTable(TableShape table, object current, string[] segments, int index, string path, string value)
    {
        var entries = table.Entries(current).ToList();
        var name = TableShape.FindName(entries.Select(e => e.Key), segments[index].Trim()) ?? segments[index].Trim();
        var position = entries.FindIndex(e => e.Key == name);
        if (index == segments.Length - 1)
            throw new ScenarioException(
                $"{KeyPath.Join(path, name)}: is a section; name one of its keys, e.g. {KeyPath.Join(path, name)}:{table.Entry.Properties[0].Name}");
        var existing = position >= 0 ? entries[position].Value : table.Entry.CreateDefault();
        var updated = SetInRecord(table.Entry, existing, segments, index + 1, KeyPath.Join(path, name), value);
        if (position >= 0) entries[position] = new(name, updated);
        else entries.Add(new(name, updated));
        return table.Create(entries);
    }

    private static string Example(PropertyShape property, string key) => property.Kind == ValueKind.Table
        ? $"{key}:<name>:{property.Table!.Entry.Properties[0].Name}"
        : $"{key}:{property.Record!.Properties[0].Name}";
}
