namespace MarketSim.Core.Scenarios.Binding;

internal static class ParameterKeys
{
    public const string NamePlaceholder = "<name>";

    public static IReadOnlyList<ParameterKey> List(Rules.RuleCatalog rules)
    {
        var keys = new List<ParameterKey>();
        Collect(RecordShape.Of(typeof(Scenario)), "", keys, rules);
        return keys;
    }

    private static void Collect(RecordShape shape, string path, List<ParameterKey> keys, Rules.RuleCatalog rules)
    {
        foreach (var property in shape.Properties)
        {
            var key = KeyPath.Join(path, property.Name);
            switch (property.Kind)
            {
                case ValueKind.Record: Collect(property.Record!, key, keys, rules); break;
                case ValueKind.Table: Collect(property.Table!.Entry, KeyPath.Join(key, NamePlaceholder), keys, rules); break;
                default: keys.Add(new ParameterKey(key, TypeName(property.Kind), property.Parameter, AllowedOf(property, rules))); break;
            }
        }
    }

    private static string TypeName(ValueKind kind) => kind switch
    {
        ValueKind.Double => "double",
        ValueKind.Int => "int",
        ValueKind.Bool => "bool",
        ValueKind.YearMonth => "month",
        _ => "string",
    };

    private static IReadOnlyList<string>? AllowedOf(PropertyShape property, Rules.RuleCatalog rules) =>
        property.OneOf?.Allowed ?? (property.Policy is { } p ? rules.Names(p.PolicyInterface) : null);
}
