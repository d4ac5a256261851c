using System.Text;
using System.Text.Json;

namespace MarketSim.Core.Scenarios.Binding;

/// <summary>
/// Writes a resolved scenario as nested JSON a scenario file can hold: properties in declaration order, agents in
/// ordinal name order, months as <c>yyyy-MM</c>, numbers in shortest round-trip form.
/// </summary>
internal static class ScenarioJson
{
    public static string Write(Scenario scenario)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
            WriteRecord(json, RecordShape.Of(typeof(Scenario)), scenario);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteRecord(Utf8JsonWriter json, RecordShape shape, object record)
    {
        json.WriteStartObject();
        foreach (var property in shape.Properties)
        {
            json.WritePropertyName(property.Name);
            WriteValue(json, property, property.Get(record)!);
        }
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, PropertyShape property, object value)
    {
        switch (property.Kind)
        {
            case ValueKind.Double: json.WriteNumberValue((double)value); break;
            case ValueKind.Int: json.WriteNumberValue((int)value); break;
            case ValueKind.Bool: json.WriteBooleanValue((bool)value); break;
            case ValueKind.String: json.WriteStringValue((string)value); break;
            case ValueKind.YearMonth: json.WriteStringValue(((YearMonth)value).ToString()); break;
            case ValueKind.Record: WriteRecord(json, property.Record!, value); break;
            case ValueKind.Table:
                json.WriteStartObject();
                foreach (var (name, entry) in property.Table!.Entries(value).OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    json.WritePropertyName(name);
                    WriteRecord(json, property.Table.Entry, entry);
                }
                json.WriteEndObject();
                break;
        }
    }
}
