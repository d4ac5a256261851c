using MarketSim.Core.Agents;

namespace MarketSim.Core.Rules;

/// <summary>A chipmaker's gross margin this month; its price is unit cost / (1 - margin).</summary>
public interface IChipPricingPolicy : IRule
{
    double GrossMargin(Chipmaker maker, RuleContext context);
}

/// <summary>
/// The baseline chip pricing: the gross margin moves <c>MarginAdjustment</c> of the way each month towards base +
/// (max - base) x clamp((backlog months - <c>ScarcityBacklogMonths</c>) / <c>ScarcitySpanMonths</c>, 0, 1): scarcity
/// pricing once the backlog passes two months of output (the maker's own parameters).
/// </summary>
public sealed class BacklogScarcityPricing : IChipPricingPolicy
{
    public double GrossMargin(Chipmaker maker, RuleContext context)
    {
        var backlogMonths = maker.BacklogH100e / Math.Max(1, maker.CapacityH100ePerMonth);
        var o = maker.Options;
        var scarcity = Math.Clamp((backlogMonths - o.ScarcityBacklogMonths) / o.ScarcitySpanMonths, 0, 1);
        var target = o.BaseGrossMargin + (o.MaxGrossMargin - o.BaseGrossMargin) * scarcity;
        return maker.GrossMargin + o.MarginAdjustment * (target - maker.GrossMargin);
    }
}
