namespace MarketSim.Core.Scenarios;

/// <summary>
/// Declares the allowed range, unit and data source of a scenario parameter. The scenario binder enforces
/// the range; MODEL.md's parameter table is checked against these attributes by a test.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ParameterAttribute(double min, double max) : Attribute
{
    public double Min { get; } = min;
    public double Max { get; } = max;
    public string Unit { get; init; } = "";
    /// <summary>The calibration row (<c>series/entity period</c>) or reasoning behind the default.</summary>
    public string Source { get; init; } = "";
}

/// <summary>Marks a string property whose value must name a registered decision rule of the given interface.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PolicyNameAttribute(Type policyInterface) : Attribute
{
    public Type PolicyInterface { get; } = policyInterface;

    /// <summary>
    /// For an agent's own choice: the scenario-wide key (under <c>Policies</c>) it falls back to when empty. Empty
    /// is allowed only when this is set.
    /// </summary>
    public string? Fallback { get; init; }
}

/// <summary>Marks a string property whose value must be one of a fixed set.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OneOfAttribute(params string[] allowed) : Attribute
{
    public IReadOnlyList<string> Allowed { get; } = allowed;
}
