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
