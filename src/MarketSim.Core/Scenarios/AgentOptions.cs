namespace MarketSim.Core.Scenarios;

/// <summary>A chipmaker at the start of the run. Money in USD bn, compute in H100-equivalents (H100e).</summary>
public sealed record ChipmakerOptions
{
    [Parameter(0, 1e8, Unit = "H100e per month")] public double CapacityH100ePerMonth { get; init; }
    [Parameter(0, 10, Unit = "per year")] public double CapacityGrowthPerYear { get; init; } = 0.5;
    [Parameter(0, 36, Unit = "months")] public int CapacityLeadMonths { get; init; } = 12;
    [Parameter(0, 36, Unit = "months")] public int DeliveryLeadMonths { get; init; } = 3;
    [Parameter(0, 200, Unit = "USD k per H100e")] public double PriceUsdKPerH100e { get; init; } = 30;
    [Parameter(0, 0.95, Unit = "share")] public double BaseGrossMargin { get; init; } = 0.6;
    [Parameter(0, 0.95, Unit = "share")] public double MaxGrossMargin { get; init; } = 0.78;
    [Parameter(0, 10, Unit = "x")] public double Preference { get; init; } = 1;
    [Parameter(0, 10, Unit = "x of modeled clouds' orders")] public double OtherBuyersRatio { get; init; } = 0.8;
    [Parameter(0, 12, Unit = "months")] public int GenerationCadenceMonths { get; init; } = 12;
    [Parameter(0, 5000, Unit = "USD bn")] public double Cash { get; init; } = 10;
    [Parameter(0, 5000, Unit = "USD bn")] public double Debt { get; init; }
    /// <summary>Designed by clouds for themselves (TPU, Trainium): receives their <c>CustomSiliconShare</c> of orders.</summary>
    public bool InHouse { get; init; }
    /// <summary>This chipmaker's own rules; empty names use the scenario-wide choice.</summary>
    public ChipmakerPolicyOptions Policies { get; init; } = new();
}

/// <summary>A cloud provider (or a captive builder when <see cref="CaptiveLab"/> is set).</summary>
public sealed record CloudOptions
{
    public bool Hyperscaler { get; init; } = true;
    /// <summary>Serves only this lab (Meta serves MetaAI); empty for an open cloud.</summary>
    public string CaptiveLab { get; init; } = "";
    [Parameter(0, 1e6, Unit = "MW IT")] public double PoweredMw { get; init; }
    [Parameter(0, 1e6, Unit = "MW IT")] public double PipelineMw { get; init; }
    [Parameter(0, 1e9, Unit = "H100e")] public double InstalledH100e { get; init; }
    [Parameter(0, 10, Unit = "years")] public double FleetAgeYears { get; init; } = 1;
    [Parameter(0, 5000, Unit = "USD bn")] public double Cash { get; init; }
    [Parameter(0, 5000, Unit = "USD bn")] public double Debt { get; init; }
    [Parameter(0, 2000, Unit = "USD bn per year")] public double NonAiCapexUsdBn { get; init; }
    [Parameter(-0.5, 1, Unit = "per year")] public double NonAiCapexGrowth { get; init; } = 0.05;
    [Parameter(0, 5000, Unit = "USD bn per year")] public double OtherCloudRevenueUsdBn { get; init; }
    [Parameter(-0.5, 1, Unit = "per year")] public double OtherCloudRevenueGrowth { get; init; } = 0.12;
    /// <summary>AI revenue in the year before the start; seeds the revenue history lenders look at.</summary>
    [Parameter(0, 5000, Unit = "USD bn per year")] public double AiRevenueUsdBn { get; init; }
    [Parameter(0, 5000, Unit = "USD bn per year")] public double OtherOperatingCashFlowUsdBn { get; init; }
    [Parameter(0, 10, Unit = "x")] public double Preference { get; init; } = 1;
    [Parameter(0, 5, Unit = "x")] public double BuildAmbition { get; init; } = 1;
    /// <summary>Share of accelerator orders placed with in-house chipmakers (<c>InHouse</c>: TPU, Trainium) rather than merchant GPUs.</summary>
    [Parameter(0, 1, Unit = "share")] public double CustomSiliconShare { get; init; }
    /// <summary>This cloud's own rules; empty names use the scenario-wide choice.</summary>
    public CloudPolicyOptions Policies { get; init; } = new();
}

/// <summary>A model lab.</summary>
public sealed record LabOptions
{
    /// <summary>The cloud the lab belongs to (Google for GoogleDeepMind, Meta for MetaAI); exempt from the multi-cloud cap.</summary>
    public string HomeCloud { get; init; } = "";
    [Parameter(0, 100, Unit = "capability index")] public double Capability { get; init; } = 1;
    [Parameter(0, 5000, Unit = "USD bn")] public double Cash { get; init; }
    [Parameter(0, 1e9, Unit = "H100e")] public double ComputeH100e { get; init; }
    [Parameter(0, 1, Unit = "share")] public double TrainingShare { get; init; } = 0.5;
    [Parameter(0, 10, Unit = "x per year")] public double ScalingAmbition { get; init; } = 1.5;
    [Parameter(0, 10, Unit = "x")] public double Brand { get; init; } = 1;
    [Parameter(-2, 0.95, Unit = "share")] public double TargetGrossMargin { get; init; } = 0.3;
    [Parameter(0, 1, Unit = "share")] public double Monetization { get; init; } = 1;
    /// <summary>Funded by a parent's profits (GoogleDeepMind, MetaAI) rather than by equity rounds.</summary>
    public bool ParentFunded { get; init; }
    /// <summary>What a parent will spend on its lab's compute a year, USD bn (parent-funded labs only).</summary>
    [Parameter(0, 1000, Unit = "USD bn per year")] public double ParentBudgetUsdBn { get; init; }
    [Parameter(0, 1000, Unit = "USD bn")] public double RevenueUsdBn { get; init; }
    [Parameter(-0.9, 20, Unit = "per year")] public double RevenueGrowth { get; init; } = 1;
    [Parameter(0, 500, Unit = "USD bn per year")] public double StaffUsdBnPerYear { get; init; } = 1;
    /// <summary>Opening contracts, as <c>Cloud:share,Cloud:share</c> of <see cref="ComputeH100e"/>.</summary>
    public string OpeningProviders { get; init; } = "";
    /// <summary>This lab's own rules; empty names use the scenario-wide choice.</summary>
    public LabPolicyOptions Policies { get; init; } = new();
}
