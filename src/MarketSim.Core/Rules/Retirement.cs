using MarketSim.Core.Agents;

namespace MarketSim.Core.Rules;

/// <summary>Whether a cloud takes a vintage of accelerators out of service this month.</summary>
public interface IRetirementPolicy : IRule
{
    bool Retires(Cloud cloud, Vintage vintage, RuleContext context);
}

/// <summary>The baseline retirement: a vintage leaves service at the end of its economic life (<c>Hardware:EconomicLifeYears</c>).</summary>
public sealed class EconomicLife : IRetirementPolicy
{
    public bool Retires(Cloud cloud, Vintage vintage, RuleContext context) =>
        context.Step - vintage.InstalledStep >= context.Scenario.Hardware.EconomicLifeYears * 12;
}
