namespace MarketSim.Core.Scenarios;

/// <summary>
/// One scalar scenario key with what the binder accepts for it. Agent tables appear with a placeholder,
/// e.g. <c>Clouds:&lt;name&gt;:PoweredMw</c>.
/// </summary>
/// <param name="Type">double, int, bool, string or month (yyyy-MM).</param>
/// <param name="Parameter">The declared range, unit and source, when the key has one.</param>
/// <param name="Allowed">The allowed strings (one-of values, or the rule names registered now), when restricted.</param>
public sealed record ParameterKey(string Key, string Type, ParameterAttribute? Parameter, IReadOnlyList<string>? Allowed);
