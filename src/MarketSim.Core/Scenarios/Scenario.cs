namespace MarketSim.Core.Scenarios;

/// <summary>
/// A whole scenario: immutable configuration bound from JSON (the embedded baseline, a user file layered on it,
/// then <c>--set Section:Key=Value</c> overrides). Keys are the property paths, e.g. <c>Demand:PriceElasticity</c>.
/// </summary>
public sealed record Scenario
{
    /// <summary>Set by the loader from the built-in name or the file name; not a configuration key.</summary>
    public string Name { get; init; } = "baseline";

    /// <summary>The built-in scenario a user file is layered on.</summary>
    [OneOf("baseline", "backtest")]
    [Parameter(Unit = "scenario name", Source = "model design: baseline from the end-2024 state, backtest from the end-2022 state")]
    public string Base { get; init; } = "baseline";

    public ClockOptions Clock { get; init; } = new();
    public DemandOptions Demand { get; init; } = new();
    public TrendOptions Trends { get; init; } = new();
    public FinanceOptions Finance { get; init; } = new();
    public FundingOptions Funding { get; init; } = new();
    public SentimentOptions Sentiment { get; init; } = new();
    public BorrowingOptions Borrowing { get; init; } = new();
    public HardwareOptions Hardware { get; init; } = new();
    public CapacityCostOptions CapacityCost { get; init; } = new();
    public SpotMarketOptions SpotMarket { get; init; } = new();
    public ContractPricingOptions ContractPricing { get; init; } = new();
    public TokenPricingOptions TokenPricing { get; init; } = new();
    public PowerOptions Power { get; init; } = new();
    public CapacityOptions Capacity { get; init; } = new();
    public WriteDownOptions WriteDown { get; init; } = new();
    public ComputeMarketOptions Market { get; init; } = new();
    public ProcurementOptions Procurement { get; init; } = new();
    public ShockOptions Shocks { get; init; } = new();
    public DealOptions Deals { get; init; } = new();
    public PolicyOptions Policies { get; init; } = new();
    public AnalysisOptions Analysis { get; init; } = new();

    /// <summary>Accelerator generations by id (a row id of chip_generations.csv): what each chipmaker ships, and when.</summary>
    public IReadOnlyDictionary<string, GenerationOptions> Generations { get; init; } = new Dictionary<string, GenerationOptions>();

    public IReadOnlyDictionary<string, ChipmakerOptions> Chipmakers { get; init; } = new Dictionary<string, ChipmakerOptions>();
    public IReadOnlyDictionary<string, CloudOptions> Clouds { get; init; } = new Dictionary<string, CloudOptions>();
    public IReadOnlyDictionary<string, LabOptions> Labs { get; init; } = new Dictionary<string, LabOptions>();
}
