using MarketSim.Core.Policies;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Scenarios;

/// <summary>
/// Round trips parse every Policies key, so the default rule names must be registered. Once the built-in rules
/// register themselves this does nothing; it never replaces a registered rule.
/// </summary>
internal static class DefaultRuleNames
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        var defaults = new PolicyOptions();
        RegisterIfMissing<ICapacityPolicy>(defaults.Capacity);
        RegisterIfMissing<IPricingPolicy>(defaults.Pricing);
        RegisterIfMissing<IProcurementPolicy>(defaults.Procurement);
        RegisterIfMissing<IFinancingPolicy>(defaults.Financing);
        return true;
    });

    public static void Ensure() => _ = Registered.Value;

    private static void RegisterIfMissing<TPolicy>(string name) where TPolicy : class
    {
        if (!PolicyCatalog.Contains(typeof(TPolicy), name))
            PolicyCatalog.Register<TPolicy>(name, () => throw new InvalidOperationException($"{name} is registered by the tests only"));
    }
}
