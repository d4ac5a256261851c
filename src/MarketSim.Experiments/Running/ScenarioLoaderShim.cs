// TEMPORARY: stands in for MarketSim.Core.Scenarios.ScenarioLoader until it lands in Core; delete this file then.
// Only built-in scenarios and scalar overrides of record properties; same signatures as the Core contract.
using System.Globalization;
using System.Reflection;

namespace MarketSim.Core.Scenarios;

internal static class ScenarioLoader
{
    public static Scenario Load(string? nameOrPath, IEnumerable<string> overrides)
    {
        var name = nameOrPath ?? "baseline";
        if (name is not "baseline" and not "backtest")
            throw new ScenarioException($"{name}: scenario files are not supported yet; use baseline or backtest");
        var scenario = new Scenario { Name = name, Base = name };
        return WithOverrides(scenario, overrides.Select(o => o.Split('=', 2) is [var k, var v]
            ? new KeyValuePair<string, string>(k, v)
            : throw new ScenarioException($"{o}: an override is Section:Key=Value")));
    }

    public static Scenario WithOverrides(Scenario baseScenario, IEnumerable<KeyValuePair<string, string>> overrides)
    {
        object result = baseScenario;
        foreach (var (key, value) in overrides)
            result = Set(result, key, key.Split(':'), 0, value);
        return (Scenario)result;
    }

    private static object Set(object target, string key, string[] path, int depth, string text)
    {
        var type = target.GetType();
        var property = type.GetProperty(path[depth], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null || !property.CanWrite || property.Name == nameof(Scenario.Name))
            throw new ScenarioException($"{key}: not a scenario key");
        var clone = type.GetMethod("<Clone>$")!.Invoke(target, null)!;
        object value;
        if (depth == path.Length - 1) value = Parse(key, property, text);
        else if (property.PropertyType.GetMethod("<Clone>$") is not null) value = Set(property.GetValue(target)!, key, path, depth + 1, text);
        else throw new ScenarioException($"{key}: not a scenario key");
        property.SetValue(clone, value);
        return clone;
    }

    private static object Parse(string key, PropertyInfo property, string text)
    {
        var t = property.PropertyType;
        var range = property.GetCustomAttribute<ParameterAttribute>();
        if (t == typeof(bool))
            return bool.TryParse(text, out var b) ? b : throw new ScenarioException($"{key}: '{text}' is not true or false");
        if (t == typeof(string)) return text;
        if (t == typeof(YearMonth))
            return YearMonth.TryParse(text, out var ym) ? ym : throw new ScenarioException($"{key}: '{text}' is not a month (yyyy-MM)");
        if (t == typeof(double) || t == typeof(int))
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x)
                || (t == typeof(int) && x != Math.Floor(x)))
                throw new ScenarioException($"{key}: '{text}' is not a{(t == typeof(int) ? " whole" : "")} number");
            if (range is not null && (x < range.Min || x > range.Max))
                throw new ScenarioException($"{key}: {text} is out of range; allowed {range.Min.ToString(CultureInfo.InvariantCulture)} to {range.Max.ToString(CultureInfo.InvariantCulture)}");
            return t == typeof(int) ? (int)x : x;
        }
        throw new ScenarioException($"{key}: not a scenario key");
    }
}
