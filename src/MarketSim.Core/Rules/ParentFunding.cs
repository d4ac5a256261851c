using MarketSim.Core.Agents;

namespace MarketSim.Core.Rules;

/// <summary>What the parent of a captive lab (one its parent funds) pays in this month, USD bn.</summary>
public interface IParentFundingPolicy : IRule
{
    double TopUpUsdBn(Lab lab, double monthlyBurnUsdBn, RuleContext context);
}

/// <summary>
/// The baseline parent: tops its lab's cash up to this month's burn plus <c>Labs:&lt;name&gt;:ParentCashFloorUsdBn</c>,
/// out of the parent's own cash.
/// </summary>
public sealed class ParentTopUp : IParentFundingPolicy
{
    public double TopUpUsdBn(Lab lab, double monthlyBurnUsdBn, RuleContext context) =>
        Math.Max(0, monthlyBurnUsdBn + lab.Options.ParentCashFloorUsdBn - lab.Cash);
}
