using System.Reflection;
using MarketSim.Core.Scenarios;
using MarketSim.Core.Scenarios.Binding;

namespace MarketSim.Tests.Scenarios;

/// <summary>The binder's accessors against reflection, for every property of every record the baseline holds.</summary>
public sealed class RecordShapeTests
{
    [Fact]
    public void Every_accessor_reads_its_own_property_and_writes_only_a_copy()
    {
        var checkedProperties = 0;
        foreach (var (shape, record) in Records(RecordShape.Of(typeof(Scenario)), ScenarioLoader.Load(null, [])))
            foreach (var property in shape.Properties)
            {
                var info = shape.Type.GetProperty(property.Name)!;
                var before = info.GetValue(record);
                Assert.Equal(before, property.Get(record));

                var copy = shape.Clone(record);
                var written = property.Kind switch
                {
                    ValueKind.Double => (double)before! + 1.5,
                    ValueKind.Int => (int)before! + 3,
                    ValueKind.Bool => !(bool)before!,
                    ValueKind.String => before + "-changed",
                    _ => before!,
                };
                property.Set(copy, written);
                Assert.Equal(written, info.GetValue(copy));
                Assert.Equal(before, info.GetValue(record));
                checkedProperties++;
            }
        Assert.True(checkedProperties > 200, $"only {checkedProperties} properties were reached");
    }

    // Code compiled ahead of time (the native sweep worker) has no metadata tokens to order by and takes reflection's
    // order; the scenario's hash, which each worker checks against its sweep's, is written in this order.
    [Fact]
    public void Properties_are_in_declaration_order_which_is_also_the_order_reflection_lists_them_in()
    {
        var records = 0;
        foreach (var (shape, _) in Records(RecordShape.Of(typeof(Scenario)), ScenarioLoader.Load(null, [])))
        {
            var listed = shape.Type.GetProperties(BindingFlags.Instance | BindingFlags.Public)
                .Where(p => p.SetMethod is { IsPublic: true } && !(shape.Type == typeof(Scenario) && p.Name == nameof(Scenario.Name)));
            var declared = listed.OrderBy(p => p.MetadataToken).Select(p => p.Name);
            Assert.Equal(declared, shape.Properties.Select(p => p.Name));
            Assert.Equal(declared, listed.Select(p => p.Name));
            records++;
        }
        Assert.True(records > 20, $"only {records} records were reached");
    }

    [Theory]
    [InlineData("baseline")]
    [InlineData("backtest")]
    public void The_rule_names_found_are_those_a_walk_of_every_record_finds(string scenarioName)
    {
        var scenario = ScenarioLoader.Load(scenarioName, ["Policies:Capacity=ForecastCapacity"]);
        var everywhere = new List<RuleChoice>();
        WalkEverything(RecordShape.Of(typeof(Scenario)), scenario, "", everywhere);
        Assert.NotEmpty(everywhere);
        Assert.Equal(everywhere, RuleKeys.Choices(scenario));
    }

    // The walk before it skipped records without rule names: every property of every record and table entry.
    private static void WalkEverything(RecordShape shape, object record, string path, List<RuleChoice> found)
    {
        foreach (var property in shape.Properties)
        {
            var key = KeyPath.Join(path, property.Name);
            if (property.Kind == ValueKind.Record) WalkEverything(property.Record!, property.Get(record)!, key, found);
            else if (property.Kind == ValueKind.Table)
                foreach (var (name, entry) in property.Table!.Entries(property.Get(record)!))
                    WalkEverything(property.Table.Entry, entry, KeyPath.Join(key, name), found);
            else if (property.Kind == ValueKind.String && property.Policy is { } policy)
                found.Add(new RuleChoice(key, policy.PolicyInterface, (string)property.Get(record)!, policy.Fallback is not null));
        }
    }

    private static IEnumerable<(RecordShape Shape, object Record)> Records(RecordShape shape, object record)
    {
        yield return (shape, record);
        foreach (var property in shape.Properties)
        {
            var value = property.Get(record);
            if (value is null) continue;
            if (property.Kind == ValueKind.Record)
                foreach (var inner in Records(property.Record!, value)) yield return inner;
            else if (property.Kind == ValueKind.Table)
                foreach (var (_, entry) in property.Table!.Entries(value))
                    foreach (var inner in Records(property.Table.Entry, entry)) yield return inner;
        }
    }
}
