namespace MarketSim.Core.Scenarios;

/// <summary>
/// One scalar scenario key with what the binder accepts for it. Agent tables appear with a placeholder,
/// e.g. <c>Clouds:&lt;name&gt;:PoweredMw</c>.
/// </summary>
/// <param name="Type">double, int, bool, string or month (yyyy-MM).</param>
/// <param name="Default">
/// The baseline's value, as a scenario file or <c>--set</c> writes it; for an agent key, what a new agent starts with.
/// </param>
/// <param name="Parameter">The declared unit, source and (for numbers) range.</param>
/// <param name="Allowed">
/// The allowed strings when restricted: one-of values, or the rule names of a catalogue (with "" when an agent's
/// own choice may be left empty for the scenario-wide rule).
/// </param>
public sealed record ParameterKey(string Key, string Type, string Default, ParameterAttribute? Parameter, IReadOnlyList<string>? Allowed);
