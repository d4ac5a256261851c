namespace MarketSim.Core.Policies;

internal static class BuiltInPolicies
{
    public static void RegisterAll()
    {
    }
}
