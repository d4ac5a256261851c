namespace MarketSim.Core.Scenarios;

/// <summary>A model lab at the start of the run, and how it behaves.</summary>
public sealed record LabOptions
{
    /// <summary>The cloud the lab belongs to (Google for GoogleDeepMind, Meta for MetaAI); exempt from the multi-cloud cap.</summary>
    [Parameter(Unit = "cloud name", Source = "model design: GoogleDeepMind belongs to Google, MetaAI to Meta")]
    public string HomeCloud { get; init; } = "";

    [Parameter(0, 100, Unit = "capability index", Source = "assumption: 1 = OpenAI's frontier at the end of 2024")]
    public double Capability { get; init; } = 1;

    [Parameter(0, 5000, Unit = "USD bn", Source = "assumption: cash after the latest rounds (strategic_investment/Amazon 8 bn in Anthropic)")]
    public double Cash { get; init; }

    [Parameter(0, 1e9, Unit = "H100e", Source = "openai_compute_capacity/OpenAI 2024 0.6 GW; lab_compute_spend/OpenAI 2024 7 bn; others assumption")]
    public double ComputeH100e { get; init; }

    [Parameter(0, 0.95, Unit = "share", Source = "lab_compute_spend/OpenAI (Epoch AI estimate) 2024: ~5 of 7 bn on R&D; below 1 because the training plan is inference x share / (1 - share), unbounded at 1")]
    public double TrainingShare { get; init; } = 0.5;

    [Parameter(0, 10, Unit = "x per year", Source = "assumption: growth of training budgets a year")]
    public double ScalingAmbition { get; init; } = 1.5;

    [Parameter(0, 10, Unit = "x", Source = "assumption: weight in end users' choice, set so shares match ai_revenue_openai 2024 and ai_revenue_anthropic_arr 2025-01")]
    public double Brand { get; init; } = 1;

    [Parameter(-2, 0.95, Unit = "share", Source = "openai_gross_margin/OpenAI 2024 41%; anthropic_gross_margin/Anthropic 2024 -94%")]
    public double TargetGrossMargin { get; init; } = 0.3;

    [Parameter(0, 1, Unit = "share", Source = "assumption: the paid share of the lab's usage (MetaAI 0.15)")]
    public double Monetization { get; init; } = 1;

    /// <summary>Funded by a parent's profits (GoogleDeepMind, MetaAI) rather than by equity rounds.</summary>
    [Parameter(Unit = "flag", Source = "model design: GoogleDeepMind and MetaAI are funded by their parents")]
    public bool ParentFunded { get; init; }

    /// <summary>What a parent will spend on its lab's compute a year, USD bn (parent-funded labs only).</summary>
    [Parameter(0, 1000, Unit = "USD bn per year", Source = "fitted: MetaAI's budget through the backtest (capex_cash/Meta 2023-2024); GoogleDeepMind assumption")]
    public double ParentBudgetUsdBn { get; init; }

    [Parameter(0, 1000, Unit = "USD bn", Source = "ai_revenue_openai/OpenAI 2024 3.7; ai_revenue_anthropic_arr; others assumption")]
    public double RevenueUsdBn { get; init; }

    [Parameter(-0.9, 20, Unit = "per year", Source = "ai_revenue_openai_arr 2023-2024 growth; others assumption")]
    public double RevenueGrowth { get; init; } = 1;

    [Parameter(0, 500, Unit = "USD bn per year", Source = "assumption: staff and other fixed operating costs at the start")]
    public double StaffUsdBnPerYear { get; init; } = 1;

    /// <summary>Opening contracts, as <c>Cloud:share,Cloud:share</c> of <see cref="ComputeH100e"/>.</summary>
    [Parameter(Unit = "Cloud:share list", Source = "compute_commitment_usd: OpenAI on Microsoft and CoreWeave, Anthropic on AWS and Google at the end of 2024")]
    public string OpeningProviders { get; init; } = "";

    [Parameter(-0.5, 1, Unit = "per year", Source = "assumption: staff costs grow 25% a year")]
    public double StaffCostGrowth { get; init; } = 0.25;

    [Parameter(0, 1, Unit = "share of revenue", Source = "assumption: operating costs that scale with revenue, a fifth of it")]
    public double OpexRevenueShare { get; init; } = 0.2;

    [Parameter(-2, 0.95, Unit = "share", Source = "openai_gross_margin/OpenAI 2024: target 67% by 2028; assumption 45% for a mature lab")]
    public double MatureGrossMargin { get; init; } = 0.45;

    [Parameter(1, 240, Unit = "months", Source = "assumption: margin targets move a 36th of the way to maturity each month")]
    public double MarginDriftMonths { get; init; } = 36;

    [Parameter(0, 100, Unit = "USD bn", Source = "assumption: a parent tops its lab's cash up to a month's burn plus 1 bn")]
    public double ParentCashFloorUsdBn { get; init; } = 1;

    /// <summary>This lab's own rules; empty names use the scenario-wide choice.</summary>
    public LabPolicyOptions Policies { get; init; } = new();
}
