namespace MarketSim.Core.Rules;

/// <summary>
/// A decision rule. Its name is how a scenario chooses it and what every event it causes says (<c>rule=&lt;Name&gt;</c>):
/// the class name unless the rule overrides it, and the name it is registered under in a <see cref="RuleCatalog"/>.
/// </summary>
public interface IRule
{
    string Name => GetType().Name;
}
