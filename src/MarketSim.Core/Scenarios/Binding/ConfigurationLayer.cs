using Microsoft.Extensions.Configuration;

namespace MarketSim.Core.Scenarios.Binding;

/// <summary>
/// Lays one configuration tree (a JSON file) over an existing scenario: every key must name a property, values
/// are parsed by <see cref="ValueParser"/>, nested records keep the values the layer does not mention, and agents
/// not yet in a table start from their record's defaults.
/// </summary>
internal static class ConfigurationLayer
{
    public static T Apply<T>(T current, IConfiguration layer) where T : class =>
        (T)ApplyRecord(RecordShape.Of(typeof(T)), current, layer.GetChildren(), "");

    private static object ApplyRecord(RecordShape shape, object current, IEnumerable<IConfigurationSection> children, string path)
    {
        var copy = shape.Clone(current);
        foreach (var child in children)
        {
            var property = shape.Resolve(child.Key, path);
            var key = KeyPath.Join(path, property.Name);
            var grandchildren = child.GetChildren().ToArray();
            var value = property.Kind switch
            {
                ValueKind.Record => ApplyRecord(property.Record!, property.Get(copy)!, SectionOf(child, grandchildren, key), key),
                ValueKind.Table => ApplyTable(property.Table!, property.Get(copy)!, SectionOf(child, grandchildren, key), key),
                _ => grandchildren.Length == 0
                    ? ValueParser.Parse(property, key, child.Value)
                    : throw new ScenarioException($"{key}: expected a value, not a section"),
            };
            property.Set(copy, value);
        }
        return copy;
    }

    private static object ApplyTable(TableShape table, object current, IEnumerable<IConfigurationSection> children, string path)
    {
        var entries = table.Entries(current).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        foreach (var child in children)
        {
            var name = TableShape.FindName(entries.Keys, child.Key) ?? child.Key;
            var key = KeyPath.Join(path, name);
            var grandchildren = child.GetChildren().ToArray();
            var existing = entries.TryGetValue(name, out var found) ? found : table.Entry.CreateDefault();
            entries[name] = ApplyRecord(table.Entry, existing, SectionOf(child, grandchildren, key), key);
        }
        return table.Create(entries);
    }

    private static IConfigurationSection[] SectionOf(IConfigurationSection section, IConfigurationSection[] children, string key) =>
        children.Length == 0 && !string.IsNullOrEmpty(section.Value)
            ? throw new ScenarioException($"{key}: expected a section of keys, not the value '{section.Value}'")
            : children;
}
