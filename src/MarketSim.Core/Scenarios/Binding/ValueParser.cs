using System.Globalization;

namespace MarketSim.Core.Scenarios.Binding;

/// <summary>
/// The one place where a configuration value (from a JSON file or a <c>--set</c> override) is parsed and checked
/// against its property's type, range or allowed values.
/// </summary>
internal static class ValueParser
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static object Parse(PropertyShape property, string key, string? text)
    {
        text ??= "";
        return property.Kind switch
        {
            ValueKind.Double => ParseDouble(property, key, text),
            ValueKind.Int => ParseInt(property, key, text),
            ValueKind.Bool => bool.TryParse(text.Trim(), out var b)
                ? b
                : throw new ScenarioException($"{key}: '{text}' is not true or false"),
            ValueKind.YearMonth => YearMonth.TryParse(text.Trim(), out var month)
                ? month
                : throw new ScenarioException($"{key}: '{text}' is not a month; expected yyyy-MM between 1990-01 and 2100-12"),
            ValueKind.String => ParseString(property, key, text),
            _ => throw new ScenarioException($"{key}: expected a section of keys, not the value '{text}'"),
        };
    }

    /// <summary>The allowed range as printed in messages, e.g. <c>0.05 to 4</c>.</summary>
    public static string Describe(ParameterAttribute range) =>
        $"{range.Min.ToString(Invariant)} to {range.Max.ToString(Invariant)}";

    private static double ParseDouble(PropertyShape property, string key, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, Invariant, out var value))
            throw new ScenarioException($"{key}: '{text}' is not a number{Allowed(property.Parameter)}");
        if (!double.IsFinite(value))
            throw new ScenarioException($"{key}: {text.Trim()} is not a finite number{Allowed(property.Parameter)}");
        CheckRange(property.Parameter, key, value, text);
        return value;
    }

    private static int ParseInt(PropertyShape property, string key, string text)
    {
        if (!int.TryParse(text, NumberStyles.Integer, Invariant, out var value))
            throw new ScenarioException($"{key}: '{text}' is not a whole number{Allowed(property.Parameter)}");
        CheckRange(property.Parameter, key, value, text);
        return value;
    }

    private static void CheckRange(ParameterAttribute? range, string key, double value, string text)
    {
        if (range is { HasRange: true } && (value < range.Min || value > range.Max))
            throw new ScenarioException($"{key}: {text.Trim()} is out of range; allowed {Describe(range)}");
    }

    private static string Allowed(ParameterAttribute? range) => range is { HasRange: true } ? $"; allowed {Describe(range)}" : "";

    private static string ParseString(PropertyShape property, string key, string text)
    {
        if (property.OneOf is { } oneOf) return Choose(key, text, oneOf.Allowed);
        // A rule name is checked against the catalogue of the simulation that runs the scenario (RuleCatalog.Check).
        if (property.Policy is not null) return text.Trim();
        return text;
    }

    private static string Choose(string key, string text, IReadOnlyList<string> allowed) =>
        allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase))
        ?? throw new ScenarioException($"{key}: '{text}' is not one of the allowed values: {string.Join(", ", allowed)}");
}
