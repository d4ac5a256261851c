using MarketSim.Core.Agents;

namespace MarketSim.Core.Rules;

/// <summary>How a cloud splits an accelerator order between chipmakers: one weight per maker (any scale).</summary>
public interface IChipVendorPolicy : IRule
{
    void Weigh(Cloud cloud, IReadOnlyList<Chipmaker> makers, Span<double> weights, RuleContext context);
}

/// <summary>
/// The baseline vendor choice: a cloud places its custom-silicon share (<c>Clouds:&lt;name&gt;:CustomSiliconShare</c>)
/// with the chipmakers flagged <c>InHouse</c> and the rest with merchant chipmakers, each in proportion to its
/// preference.
/// </summary>
public sealed class PreferredVendors : IChipVendorPolicy
{
    public void Weigh(Cloud cloud, IReadOnlyList<Chipmaker> makers, Span<double> weights, RuleContext context)
    {
        var share = cloud.Options.CustomSiliconShare;
        for (var i = 0; i < makers.Count; i++)
            weights[i] = makers[i].Options.Preference * (makers[i].Options.InHouse ? share : 1 - share);
    }
}
