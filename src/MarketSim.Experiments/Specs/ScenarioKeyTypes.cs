using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using MarketSim.Core.Scenarios;

namespace MarketSim.Experiments.Specs;

/// <summary>
/// Looks up the property type behind a <c>Section:Key</c> path so that sampled values of integer parameters
/// (months, buyers) are rounded in the design itself, not rejected by the scenario binder run after run.
/// </summary>
internal static class ScenarioKeyTypes
{
    [UnconditionalSuppressMessage("Trimming", "IL2065",
        Justification = "Every option record is in MarketSim.Core, which the native worker keeps whole.")]
    public static bool IsInteger(string key)
    {
        Type type = typeof(Scenario);
        foreach (var part in key.Split(':'))
        {
            if (type.IsGenericType && type.GetGenericArguments() is [var k, var v] && k == typeof(string))
            {
                type = v; // a named agent, e.g. Clouds:AWS:...
                continue;
            }
            var property = type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null) return false;
            type = property.PropertyType;
        }
        return type == typeof(int) || type == typeof(long);
    }
}
