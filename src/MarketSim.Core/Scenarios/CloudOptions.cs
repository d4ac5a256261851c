namespace MarketSim.Core.Scenarios;

/// <summary>A cloud provider (or a captive builder when <see cref="CaptiveLab"/> is set), and how it behaves.</summary>
public sealed record CloudOptions
{
    [Parameter(Unit = "flag", Source = "financing_cost: investment-grade borrowers (hyperscalers) against neoclouds (CoreWeave 7-15%)")]
    public bool Hyperscaler { get; init; } = true;

    /// <summary>Serves only this lab (Meta serves MetaAI); empty for an open cloud.</summary>
    [Parameter(Unit = "lab name", Source = "model design: Meta builds only for MetaAI")]
    public string CaptiveLab { get; init; } = "";

    [Parameter(0, 1e6, Unit = "MW IT", Source = "the backtest's end-2024 state (the data has no MW by company)")]
    public double PoweredMw { get; init; }

    [Parameter(0, 1e6, Unit = "MW IT", Source = "the backtest's end-2024 state (the data has no MW by company)")]
    public double PipelineMw { get; init; }

    [Parameter(0, 1e9, Unit = "H100e", Source = "chip_stock_cumulative (Epoch) end-2024 split by company: assumption; revenue/CoreWeave 2024: 250k+ GPUs")]
    public double InstalledH100e { get; init; }

    [Parameter(0, 10, Unit = "years", Source = "assumption: average age of the opening fleet")]
    public double FleetAgeYears { get; init; } = 1;

    [Parameter(0, 5000, Unit = "USD bn", Source = "assumption: company balance sheets at the end of 2024")]
    public double Cash { get; init; }

    [Parameter(0, 5000, Unit = "USD bn", Source = "assumption: company balance sheets at the end of 2024")]
    public double Debt { get; init; }

    [Parameter(0, 2000, Unit = "USD bn per year", Source = "fitted: capex_cash 2022-2024 by company, through the backtest")]
    public double NonAiCapexUsdBn { get; init; }

    [Parameter(-0.5, 1, Unit = "per year", Source = "fitted: capex_cash 2022-2024 by company, through the backtest")]
    public double NonAiCapexGrowth { get; init; } = 0.05;

    [Parameter(0, 5000, Unit = "USD bn per year", Source = "cloud_revenue 2024 (AWS 107.56, Google Cloud 43.2) less AI revenue")]
    public double OtherCloudRevenueUsdBn { get; init; }

    [Parameter(-0.5, 1, Unit = "per year", Source = "cloud_revenue 2022-2024: AWS +13-18%, Google Cloud +31-37% a year")]
    public double OtherCloudRevenueGrowth { get; init; } = 0.12;

    /// <summary>AI revenue in the year before the start; seeds the revenue history lenders look at.</summary>
    [Parameter(0, 5000, Unit = "USD bn per year", Source = "revenue/CoreWeave 2024: 1.9")]
    public double AiRevenueUsdBn { get; init; }

    [Parameter(0, 5000, Unit = "USD bn per year", Source = "assumption: the parent's other operating cash flow at the end of 2024")]
    public double OtherOperatingCashFlowUsdBn { get; init; }

    [Parameter(0, 10, Unit = "x", Source = "assumption: labs' relative preference for the cloud")]
    public double Preference { get; init; } = 1;

    [Parameter(0, 5, Unit = "x", Source = "assumption: 1 in both built-in scenarios (MODEL.md, Calibration)")]
    public double BuildAmbition { get; init; } = 1;

    /// <summary>Share of accelerator orders placed with in-house chipmakers (<c>InHouse</c>: TPU, Trainium) rather than merchant GPUs.</summary>
    [Parameter(0, 1, Unit = "share", Source = "assumption: Google 0.6 (TPU), AWS 0.35 (Trainium), Meta 0.1, Microsoft 0.05")]
    public double CustomSiliconShare { get; init; }

    /// <summary>
    /// The family of in-house generations it buys (<c>Google TPU</c>, <c>AWS Trainium</c>); empty buys the in-house
    /// chipmaker's newest generation of any family.
    /// </summary>
    [Parameter(Unit = "generation family", Source = "chip_generations.csv family: AWS designs Trainium, Google TPU; Microsoft's Maia and Meta's MTIA have no row")]
    public string CustomSiliconFamily { get; init; } = "";

    [Parameter(0, 1, Unit = "share of AI revenue", Source = "assumption: AI operating costs other than power, 8% of AI revenue")]
    public double AiOpexShare { get; init; } = 0.08;

    [Parameter(0, 1, Unit = "share of other revenue", Source = "cloud_revenue/AWS 2022: ~23 bn operating profit on 80 bn revenue, so ~70% costs")]
    public double OtherCostShare { get; init; } = 0.7;

    [Parameter(-0.5, 1, Unit = "per year", Source = "assumption: growth of the parent's other operating cash flow")]
    public double OtherCashFlowGrowth { get; init; } = 0.08;

    [Parameter(0, 1, Unit = "share of free cash flow", Source = "shareholder_payout 2024: Alphabet 0.96, Meta 0.68, Microsoft 0.53, Oracle 0.47, Amazon 0")]
    public double PayoutRatio { get; init; }

    /// <summary>The net debt/EBITDA the cloud keeps to hold its rating (<c>RatingLimitBorrowing</c>).</summary>
    [Parameter(0, 20, Unit = "x EBITDA", Source = "assumption: rating agencies' leverage guidance for large technology issuers, ~3x at the edge of single A; Oracle 4.5 in the baseline: it starts near 4.4x in the model's terms, BBB (shareholder_payout/Oracle FY2024: ~3.6x reported)")]
    public double MaxNetDebtToEbitda { get; init; } = 3;

    /// <summary>
    /// Share of the growth of the parent's other business (<see cref="OtherOperatingCashFlowUsdBn"/>: ads for Meta)
    /// due to its AI fleet: what a captive builder's AI capex earns its parent.
    /// </summary>
    [Parameter(0, 1, Unit = "share", Source = "assumption: AI ranking and recommendations drive part of ad growth (Meta 2024 calls: Reels watch time +8-10%, conversions +5-7% from new AI models); swept 0-0.6")]
    public double AiAttributableRevenueShare { get; init; }

    /// <summary>This cloud's own rules; empty names use the scenario-wide choice.</summary>
    public CloudPolicyOptions Policies { get; init; } = new();
}
