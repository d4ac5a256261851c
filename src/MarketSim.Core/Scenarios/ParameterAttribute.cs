namespace MarketSim.Core.Scenarios;

/// <summary>
/// Declares a scenario key's unit, data source and, for numbers, its allowed range. The scenario binder enforces the
/// range; <c>marketsim params</c> lists every key with these, and a test checks that each key has them.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ParameterAttribute : Attribute
{
    /// <summary>A number within [min, max].</summary>
    public ParameterAttribute(double min, double max)
    {
        Min = min;
        Max = max;
    }

    /// <summary>A key that is not a number (a flag, a month, a name): unit and source only.</summary>
    public ParameterAttribute()
    {
        Min = Max = double.NaN;
    }

    public double Min { get; }
    public double Max { get; }
    public bool HasRange => !double.IsNaN(Min);
    public string Unit { get; init; } = "";
    /// <summary>The calibration row (<c>series/entity period</c>) or reasoning behind the default ("assumption: ...").</summary>
    public string Source { get; init; } = "";
}

/// <summary>Marks a string property whose value must name a decision rule of the given interface.</summary>
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
