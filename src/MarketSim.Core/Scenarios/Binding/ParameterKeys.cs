using System.Globalization;
using MarketSim.Core.Rules;

namespace MarketSim.Core.Scenarios.Binding;

/// <summary>Every scalar key of a scenario with its type, default, declared parameter and allowed values.</summary>
internal static class ParameterKeys
{
    public const string NamePlaceholder = "<name>";

    /// <param name="baseline">Where scenario-wide defaults are read; agent keys show a new agent's defaults.</param>
    public static IReadOnlyList<ParameterKey> List(Scenario baseline, RuleCatalog rules)
    {
        var keys = new List<ParameterKey>();
        Collect(RecordShape.Of(typeof(Scenario)), baseline, "", keys, rules);
        return keys;
    }

    private static void Collect(RecordShape shape, object record, string path, List<ParameterKey> keys, RuleCatalog rules)
    {
        foreach (var property in shape.Properties)
        {
            var key = KeyPath.Join(path, property.Name);
            switch (property.Kind)
            {
                case ValueKind.Record:
                    Collect(property.Record!, property.Get(record)!, key, keys, rules);
                    break;
                case ValueKind.Table:
                    var entry = property.Table!.Entry;
                    Collect(entry, entry.CreateDefault(), KeyPath.Join(key, NamePlaceholder), keys, rules);
                    break;
                default:
                    keys.Add(new ParameterKey(key, TypeName(property.Kind), Text(property.Get(record)),
                        property.Parameter, AllowedOf(property, rules)));
                    break;
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

    private static string Text(object? value) => value switch
    {
        double d => d.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        null => "",
        _ => value.ToString() ?? "",
    };

    private static IReadOnlyList<string>? AllowedOf(PropertyShape property, RuleCatalog rules)
    {
        if (property.OneOf is { } oneOf) return oneOf.Allowed;
        if (property.Policy is not { } policy) return null;
        var names = rules.Names(policy.PolicyInterface);
        return policy.Fallback is null ? names : ["", .. names];
    }
}
