namespace MarketSim.Core.Scenarios;

/// <summary>What one H100e-hour of new capacity costs (Market/CapacityCost.cs): the yardstick of spot and contract prices.</summary>
public sealed record CapacityCostOptions
{
    [Parameter(1, 3, Unit = "x chip cost", Source = "gpu_utilization_training/Frontier training runs 2024 note: interconnect ~19% of cluster cost, so chips x 1.2")]
    public double NetworkingMultiplier { get; init; } = 1.2;

    [Parameter(0, 1, Unit = "share of shell cost", Source = "assumption: a chip generation carries 30% of the shell, which outlives several generations")]
    public double ShellShare { get; init; } = 0.3;

    [Parameter(0.05, 1, Unit = "share", Source = "assumption: capacity cost is recovered at 80% utilization")]
    public double Utilization { get; init; } = 0.8;
}

/// <summary>The baseline spot price rule (Rules/SpotPrice.cs).</summary>
public sealed record SpotMarketOptions
{
    [Parameter(0, 5, Unit = "x full cost", Source = "assumption: idle capacity rents at 0.8x full cost")]
    public double ScarcityFloor { get; init; } = 0.8;

    [Parameter(0, 10, Unit = "x full cost per unit of tightness", Source = "gpu_rental_price/Nvidia H100 (market index) 2023 peak above 8 USD: up to ~2.6x full cost when scarce (assumption)")]
    public double ScarcitySlope { get; init; } = 1.2;

    [Parameter(0, 2, Unit = "tightness", Source = "assumption: below 60% tightness the price sits at its floor")]
    public double TightnessKnee { get; init; } = 0.6;

    [Parameter(0, 5, Unit = "tightness", Source = "assumption: scarcity pricing stops rising 1.5 above the knee")]
    public double TightnessSpan { get; init; } = 1.5;

    [Parameter(1, 60, Unit = "months", Source = "assumption: a sixth of the gap a month (gpu_rental_price/Nvidia H100 (market index) fell from above 8 to below 2 USD over 2023-2024)")]
    public double AdjustmentMonths { get; init; } = 6;

    [Parameter(0, 20, Unit = "x power cost", Source = "assumption: nobody rents below twice the power cost of the newest accelerators")]
    public double PowerCostFloorMultiple { get; init; } = 2;
}

/// <summary>The baseline contract quote rule (Rules/ContractQuote.cs).</summary>
public sealed record ContractPricingOptions
{
    [Parameter(0, 2, Unit = "share of full cost", Source = "assumption: clouds mark contracts up 15% over full cost")]
    public double Markup { get; init; } = 0.15;

    [Parameter(0, 5, Unit = "share of full cost", Source = "assumption: up to 50% more as capacity tightens")]
    public double ScarcityMarkup { get; init; } = 0.5;

    [Parameter(0, 2, Unit = "tightness", Source = "assumption: the scarcity markup starts at 85% tightness")]
    public double TightnessKnee { get; init; } = 0.85;

    [Parameter(0, 1, Unit = "share of full cost", Source = "assumption: a cloud never quotes below 80% of full cost")]
    public double CostFloorShare { get; init; } = 0.8;

    [Parameter(0, 10, Unit = "x discounted spot", Source = "assumption: a term contract stays within 1.6x of the spot price less the discount (cloud_commit_discount/AWS/Google/Azure 2024)")]
    public double SpotCeilingMultiple { get; init; } = 1.6;
}

/// <summary>The token pricing rules (Rules/TokenPricing.cs).</summary>
public sealed record TokenPricingOptions
{
    [Parameter(0, 1, Unit = "share per month", Source = "assumption: token prices move a fifth of the way to cost plus margin each month")]
    public double Adjustment { get; init; } = 0.2;

    [Parameter(0, 1, Unit = "x market price", Source = "assumption: a price war prices 20% under the market's average")]
    public double PriceWarShareOfMarket { get; init; } = 0.8;

    [Parameter(0, 1, Unit = "x unit cost", Source = "assumption: a price war goes down to half of unit cost (anthropic_gross_margin 2024 -94%)")]
    public double PriceWarCostFloor { get; init; } = 0.5;
}
