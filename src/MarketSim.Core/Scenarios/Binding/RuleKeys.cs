using MarketSim.Core.Rules;

namespace MarketSim.Core.Scenarios.Binding;

/// <summary>One rule a scenario names: its key, the kind of rule, the name given, and whether empty is allowed.</summary>
internal readonly record struct RuleChoice(string Key, Type Kind, string Name, bool MayBeEmpty);

/// <summary>The scenario's keys that name decision rules (<see cref="PolicyNameAttribute"/>), found by walking its records.</summary>
internal static class RuleKeys
{
    /// <summary>The kinds of rule, in the order <c>Policies</c> declares them.</summary>
    public static IReadOnlyList<Type> Kinds { get; } = RecordShape.Of(typeof(PolicyOptions)).Properties
        .Select(p => p.Policy!.PolicyInterface).Distinct().ToArray();

    public static IEnumerable<RuleChoice> Choices(Scenario scenario)
    {
        var found = new List<RuleChoice>();
        Collect(RecordShape.Of(typeof(Scenario)), scenario, "", found);
        return found;
    }

    // Every run of a sweep checks its scenario's rule names (a new scenario each run), so the walk enters only the
    // records and tables that hold such a name, and builds a key only where it goes.
    private static void Collect(RecordShape shape, object record, string path, List<RuleChoice> found)
    {
        foreach (var property in shape.Properties)
        {
            switch (property.Kind)
            {
                case ValueKind.Record when property.Record!.NamesRules:
                    Collect(property.Record, property.Get(record)!, KeyPath.Join(path, property.Name), found);
                    break;
                case ValueKind.Table when property.Table!.Entry.NamesRules:
                    var key = KeyPath.Join(path, property.Name);
                    foreach (var (name, entry) in property.Table.Entries(property.Get(record)!))
                        Collect(property.Table.Entry, entry, KeyPath.Join(key, name), found);
                    break;
                case ValueKind.String when property.Policy is { } policy:
                    found.Add(new RuleChoice(KeyPath.Join(path, property.Name), policy.PolicyInterface, (string)property.Get(record)!,
                        policy.Fallback is not null));
                    break;
            }
        }
    }
}
