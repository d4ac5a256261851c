namespace MarketSim.Core.Rules;

/// <summary>
/// Decision rules by name. Built-in rules are registered here; a student registers a new one with
/// <see cref="Register{TPolicy}"/> and names it in the scenario (<c>Policies:Capacity</c>, ...).
/// </summary>
public static class PolicyCatalog
{
    private static readonly object Gate = new();
    private static readonly Dictionary<Type, SortedDictionary<string, Func<object>>> Factories = new();

    static PolicyCatalog()
    {
        BuiltInPolicies.RegisterAll();
    }

    public static void Register<TPolicy>(string name, Func<TPolicy> factory) where TPolicy : class
    {
        lock (Gate)
        {
            if (!Factories.TryGetValue(typeof(TPolicy), out var byName))
                Factories[typeof(TPolicy)] = byName = new SortedDictionary<string, Func<object>>(StringComparer.Ordinal);
            byName[name] = factory;
        }
    }

    public static IReadOnlyList<string> Names(Type policyInterface)
    {
        lock (Gate)
            return Factories.TryGetValue(policyInterface, out var byName) ? byName.Keys.ToArray() : [];
    }

    public static bool Contains(Type policyInterface, string name) => Names(policyInterface).Contains(name);

    public static TPolicy Create<TPolicy>(string name) where TPolicy : class
    {
        Func<object>? factory = null;
        lock (Gate)
            if (Factories.TryGetValue(typeof(TPolicy), out var byName)) byName.TryGetValue(name, out factory);
        if (factory is null)
            throw new ArgumentException(
                $"no {typeof(TPolicy).Name} named '{name}'; known: {string.Join(", ", Names(typeof(TPolicy)))}");
        return (TPolicy)factory();
    }
}
