using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using MarketSim.Core.Scenarios;
using MarketSim.Core.Scenarios.Binding;

namespace MarketSim.Core.Rules;

/// <summary>
/// Decision rules by kind (the rule's interface) and name, as a scenario names them (<c>Policies:Capacity</c>,
/// <c>Clouds:&lt;name&gt;:Policies:Capacity</c>, ...). A catalogue is immutable and belongs to the simulations it is
/// given to: <see cref="With{TRule}"/> returns a new catalogue, so simulations in one process can use different
/// rules under the same name. <see cref="BuiltIn"/> holds the rules that ship with the code.
/// </summary>
public sealed class RuleCatalog
{
    private readonly ImmutableDictionary<Type, ImmutableSortedDictionary<string, Func<object>>> _byKind;
    // Scenarios this catalogue has passed. A scenario is immutable, and a sweep or bench builds thousands of runs from
    // one; walking its records for rule names each time allocated more than some months of a run.
    private readonly ConditionalWeakTable<Scenario, object> _checked = new();

    private RuleCatalog(ImmutableDictionary<Type, ImmutableSortedDictionary<string, Func<object>>> byKind) => _byKind = byKind;

    // Declared first: static initializers run in order, and BuiltIn starts from Empty.
    /// <summary>An empty catalogue that still knows every kind of rule a scenario can name.</summary>
    internal static RuleCatalog Empty { get; } = new(RuleKeys.Kinds
        .ToImmutableDictionary(kind => kind, _ => ImmutableSortedDictionary.Create<string, Func<object>>(StringComparer.Ordinal)));

    /// <summary>The rules that ship with the code: each seam's default and the alternatives.</summary>
    public static RuleCatalog BuiltIn { get; } = BuiltInRules.Catalog();

    /// <summary>The kinds of rule a scenario can name: the interfaces behind <c>Policies:*</c>.</summary>
    public static IReadOnlyList<Type> Kinds => RuleKeys.Kinds;

    /// <summary>
    /// This catalogue plus one rule (replacing a rule of the same kind and name), for scenarios to name. The rule's
    /// <see cref="IRule.Name"/> must be the name it is registered under, so that its events say what the scenario says.
    /// </summary>
    public RuleCatalog With<TRule>(string name, Func<TRule> factory) where TRule : class, IRule
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (string.IsNullOrWhiteSpace(name) || name.Trim() != name)
            throw new ArgumentException($"a rule name must be non-empty without surrounding spaces, not '{name}'", nameof(name));
        if (!_byKind.TryGetValue(typeof(TRule), out var byName))
            throw new ArgumentException(
                $"{typeof(TRule).Name} is not a kind of rule a scenario names; kinds: {string.Join(", ", Kinds.Select(k => k.Name))}");
        var ruleName = factory().Name;
        if (ruleName != name)
            throw new ArgumentException(
                $"a rule registered as '{name}' must be named so (its Name is '{ruleName}'): events name a rule by its Name", nameof(name));
        var existing = byName.Keys.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        if (existing is not null) byName = byName.Remove(existing);
        return new RuleCatalog(_byKind.SetItem(typeof(TRule), byName.SetItem(name, factory)));
    }

    /// <summary>The names registered for one kind of rule, in ordinal order.</summary>
    public IReadOnlyList<string> Names(Type kind) => _byKind.TryGetValue(kind, out var byName) ? byName.Keys.ToArray() : [];

    public IReadOnlyList<string> Names<TRule>() where TRule : class, IRule => Names(typeof(TRule));

    /// <summary>
    /// Refuses a scenario that names a rule this catalogue does not hold, with one line naming the key and the known
    /// names. Simulations check their scenario with their catalogue before building anything.
    /// </summary>
    public void Check(Scenario scenario)
    {
        if (_checked.TryGetValue(scenario, out _)) return;
        foreach (var choice in RuleKeys.Choices(scenario))
        {
            if (choice.Name.Length == 0 && choice.MayBeEmpty) continue;
            if (Find(choice.Kind, choice.Name) is null) throw Unknown(choice.Key, choice.Kind, choice.Name, choice.MayBeEmpty);
        }
        _checked.AddOrUpdate(scenario, scenario);
    }

    /// <summary>A new instance of the named rule (names match case-insensitively).</summary>
    internal TRule Create<TRule>(string name) where TRule : class, IRule =>
        (TRule)(Find(typeof(TRule), name) ?? throw Unknown($"Policies ({typeof(TRule).Name})", typeof(TRule), name, false))();

    private Func<object>? Find(Type kind, string name)
    {
        if (!_byKind.TryGetValue(kind, out var byName)) return null;
        if (byName.TryGetValue(name, out var exact)) return exact;
        foreach (var (known, factory) in byName)
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase)) return factory;
        return null;
    }

    private ScenarioException Unknown(string key, Type kind, string name, bool mayBeEmpty)
    {
        var names = Names(kind);
        var known = names.Count == 0 ? "none registered" : string.Join(", ", names);
        var orEmpty = mayBeEmpty ? ", or empty for the scenario-wide rule" : "";
        return new ScenarioException($"{key}: '{name}' is not a registered {kind.Name}; allowed: {known}{orEmpty}");
    }
}
