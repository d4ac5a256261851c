namespace MarketSim.Core.Scenarios;

public sealed record ClockOptions
{
    /// <summary>First simulated month; the agents' state is the state at the end of the month before.</summary>
    [Parameter(Unit = "month", Source = "model design: the baseline starts from the end-2024 state, the backtest from end-2022")]
    public YearMonth Start { get; init; } = new(2025, 1);

    [Parameter(Unit = "month", Source = "model design: long enough for the 2026-2027 cohort's economic life")]
    public YearMonth End { get; init; } = new(2035, 12);
}

public sealed record TrendOptions
{
    [Parameter(2, 48, Unit = "months", Source = "algorithmic_efficiency/Epoch AI 2012-2023: 8 months (95% CI 5-14)")]
    public double AlgorithmicHalvingMonths { get; init; } = 8;

    [Parameter(0, 0.5, Unit = "OOM per year", Source = "hardware_price_performance/ML GPUs: 0.14 OOM per year")]
    public double HardwareOomPerYear { get; init; } = 0.14;

    [Parameter(0, 1, Unit = "share", Source = "assumption: share of algorithmic gains that lower compute per token (the rest raise capability)")]
    public double InferenceEfficiencyShare { get; init; } = 0.5;

    [Parameter(1e4, 1e9, Unit = "tokens per H100e-hour", Source = "openai_gross_margin/OpenAI 2024 41%: with ~2 USD/h contracts, ~2 USD per million tokens for a frontier-model mix")]
    public double OpeningTokensPerH100eHour { get; init; } = 1.5e6;
}

public sealed record HardwareOptions
{
    /// <summary>The accounting life: book values depreciate straight-line over it. It does not retire anything.</summary>
    [Parameter(1, 12, Unit = "years", Source = "depreciation_life_servers: Microsoft 6, Alphabet 6, Meta 5.5, Amazon 5, CoreWeave 6")]
    public double DepreciationLifeYears { get; init; } = 5.5;

    /// <summary>The physical maximum: a vintage retires at this age even while it still covers its cash cost.</summary>
    [Parameter(2, 20, Unit = "years", Source = "assumption: clouds ran K80 (2014) and P100 (2016) instances until 2023-2024, 8-9 years; gpu_economic_life_claim 1-3 years is a claim about heavy use, not a physical limit")]
    public double MaxLifeYears { get; init; } = 8;

    /// <summary>Consecutive months the market rent must stay below a vintage's cash cost before its owner retires it.</summary>
    [Parameter(1, 36, Unit = "months", Source = "assumption: an owner retires hardware after a quarter of losses at the market rent, not on one bad month")]
    public int UneconomicMonthsToRetire { get; init; } = 3;

    /// <summary>Cash cost of running an H100e besides power: site staff, maintenance, spares.</summary>
    [Parameter(0, 2, Unit = "USD per H100e-hour", Source = "assumption: about 3% of an H100 system's price a year (server_price_per_gpu/Nvidia HGX H100 2025-01-31: 31,905 USD), 0.11 USD per hour")]
    public double OperationsUsdPerH100eHour { get; init; } = 0.1;

    /// <summary>The fixed-life retirement rule's options (<c>Policies:Retirement=FixedLifeRetirement</c>).</summary>
    public FixedLifeRetirementOptions FixedLifeRetirement { get; init; } = new();

    [Parameter(1, 2, Unit = "PUE", Source = "pue/Hyperscaler AI DC 2024: 1.1")]
    public double Pue { get; init; } = 1.1;

    [Parameter(0.1, 20, Unit = "USD per H100e-hour", Source = "gpu_rental_price: H100 3.29-3.49 list (Lambda 2024-01/2025-02), market index below 2 in late 2024")]
    public double OpeningGpuHourPrice { get; init; } = 2.6;

    [Parameter(0, 300, Unit = "USD per MWh", Source = "assumption: US industrial power")]
    public double PowerPriceUsdPerMwh { get; init; } = 80;

    /// <summary>Months over which a chipmaker's newest generation takes over its shipments from the one before.</summary>
    [Parameter(0, 36, Unit = "months", Source = "calibration_targets.csv nvidia_blackwell_revenue/Nvidia FY2025 Q4: Blackwell was 11.0 of 35.6 bn in its first quarter of volume, about a third, so a generation takes over in about two quarters")]
    public int GenerationOverlapMonths { get; init; } = 6;
}

/// <summary>The fixed-life retirement rule (Rules/Retirement.cs), the model's rule before economic life was endogenous.</summary>
public sealed record FixedLifeRetirementOptions
{
    [Parameter(1, 12, Unit = "years", Source = "gpu_economic_life_claim 1-3 years; depreciation_understatement_claim (Burry 2-3); accounting 5-6")]
    public double EconomicLifeYears { get; init; } = 5;
}

public sealed record PowerOptions
{
    /// <summary>Months from the start of construction to a powered shell, paid in equal monthly instalments.</summary>
    [Parameter(6, 72, Unit = "months", Source = "dc_project_cost/OpenAI Stargate Abilene (Epoch) 2025: ~1 GW in about 2 years, its first halls sooner; dc_build_time/US (Huang) 2025-12: 3 years with permits")]
    public int ShellBuildMonths { get; init; } = 20;

    /// <summary>Months a build needing a new grid connection waits for it before construction starts.</summary>
    [Parameter(0, 96, Unit = "months", Source = "grid_connection_wait/Dominion Energy (N. Virginia) 2024-08: 4-7 years from request for >100 MW loads; power_lead_time/Bain & Company 2025: 4 years; a request made about two years before the build leaves ~24 months")]
    public int GridWaitMonths { get; init; } = 24;

    /// <summary>Share of the MW a cloud starts that needs a new grid connection (and so waits <see cref="GridWaitMonths"/>).</summary>
    [Parameter(0, 1, Unit = "share of MW", Source = "assumption: about half; the rest goes to sites with an existing or upgraded connection or their own generation (converted crypto-mining sites, co-location at power plants, Abilene's on-site gas)")]
    public double NewGridShare { get; init; } = 0.5;

    /// <summary>A shell's cost is depreciated straight-line over this life and charged per MW to the vintages it houses; the cohort leaves its remaining book behind.</summary>
    [Parameter(5, 40, Unit = "years", Source = "assumption: the building lasts decades, but its power and cooling plant, most of dc_build_cost_per_mw/US (19 markets, Cushman & Wakefield) 11.7 USD m per MW, 15-20 years; 18")]
    public double ShellLifeYears { get; init; } = 18;

    [Parameter(0, 100000, Unit = "MW per year", Source = "us_dc_electricity/LBNL: 74-132 GW by 2028 implies ~10-20 GW added a year")]
    public double RegionalAdditionsMwPerYear { get; init; } = 15000;

    [Parameter(0, 100, Unit = "USD m per MW", Source = "dc_build_cost_per_mw/Cushman & Wakefield 2025: 11.7")]
    public double ShellCostUsdMPerMw { get; init; } = 11.7;

    [Parameter(1, 12, Unit = "months of allowance", Source = "assumption: the grid connects at most three months' allowance in one month")]
    public double MaxMonthsOfAllowance { get; init; } = 3;
}

/// <summary>How the spot market for compute sets its rent.</summary>
public sealed record ComputeMarketOptions
{
    [Parameter(0.05, 1, Unit = "share per month", Source = "assumption: half the gap to the clearing rent closes each month, so rents move over months, not at once; gpu_rental_price/Nvidia H100 (market index) 2023 peak: 8 USD per hour, below 2 by October 2024 as supply arrived")]
    public double RentAdjustmentShare { get; init; } = 0.5;

    /// <summary>
    /// The lowest price compute is rented or contracted at, under any spot or contract rule: at a price of zero what a
    /// budget buys is unbounded (a parent's training budget divided by the price), and power and operations that cost
    /// nothing are within their ranges, so a floor at cash cost alone could still be zero.
    /// </summary>
    [Parameter(1e-6, 0.1, Unit = "USD per H100e-hour", Source = "assumption: a tenth of a cent, far below the cash cost of running an H100e at the baseline's values (power and operations, about 0.16 USD per hour)")]
    public double LowestRentUsdPerH100eHour { get; init; } = 0.001;
}

public sealed record ProcurementOptions
{
    [Parameter(0.1, 1, Unit = "share", Source = "compute_commitment_usd: OpenAI spread across Microsoft, Oracle, AWS, CoreWeave in 2025")]
    public double MultiCloudCap { get; init; } = 0.6;

    [Parameter(12, 120, Unit = "months", Source = "compute_commitment_usd/OpenAI-AWS 7 years; OpenAI-Oracle ~5; CoreWeave 5")]
    public int ContractMonths { get; init; } = 60;

    [Parameter(0, 0.9, Unit = "share", Source = "cloud_commit_discount 3-year: 0.49-0.64 vs on-demand")]
    public double ContractDiscount { get; init; } = 0.3;

    [Parameter(1, 60, Unit = "months", Source = "assumption: labs contract capacity about a year before they need it")]
    public int HorizonMonths { get; init; } = 12;

    [Parameter(1, 24, Unit = "months", Source = "assumption: labs review their contracts every quarter")]
    public int EveryMonths { get; init; } = 3;

    [Parameter(0, 1, Unit = "share of contracted volume", Source = "assumption: gaps under 3% of contracted volume are not worth a contract")]
    public double MinGapShare { get; init; } = 0.03;

    [Parameter(0, 100, Unit = "x", Source = "assumption: a lab weighs its own cloud three times as much")]
    public double HomeCloudWeight { get; init; } = 3;

    [Parameter(0, 36, Unit = "months", Source = "assumption: service starts a quarter after signing")]
    public int StartInMonths { get; init; } = 3;

    [Parameter(1, 36, Unit = "months", Source = "assumption: contracted volume ramps up linearly over six months as capacity is handed over")]
    public int RampMonths { get; init; } = 6;
}

/// <summary>The deal book (experiments/data/announced_deals.csv) and how the scenario honours it (MODEL.md, Deal book).</summary>
public sealed record DealOptions
{
    [Parameter(Unit = "flag", Source = "announced_deals.csv: deals are inputs, honoured at their dates")]
    public bool Enabled { get; init; } = true;

    /// <summary>Deal ids not honoured, comma-separated (<c>marketsim deals</c> lists them).</summary>
    [Parameter(Unit = "deal ids", Source = "model design: what-if a named deal is not honoured")]
    public string Cancel { get; init; } = "";

    [Parameter(0, 3, Unit = "x size", Source = "model design: scales every deal's size, volume and power; 0 honours none")]
    public double Scale { get; init; } = 1;

    [Parameter(12, 180, Unit = "months", Source = "announced_deals.csv README: missing terms six to eight years, the horizon of OpenAI's commitments")]
    public int AssumedContractMonths { get; init; } = 72;

    [Parameter(6, 120, Unit = "months", Source = "announced_deals.csv/broadcom-openai-2025-10: 10 GW from 2H 2026 to end-2029, 42 months")]
    public int AssumedSupplyMonths { get; init; } = 48;

    [Parameter(1, 50, Unit = "USD bn per GW-year", Source = "announced_deals.csv: median of the six deals with size, term and power (anthropic-aws-2026-04 2.0, openai-cerebras-2026-01 4.4, openai-aws-2026-02 6.3, microsoft-iren-2025-11 9.7, microsoft-nebius-2025-09 11.6, openai-oracle-2025-09 13.3)")]
    public double AssumedUsdBnPerGwYear { get; init; } = 8;

    [Parameter(0, 100, Unit = "USD bn", Source = "assumption: a contract announced without size or power is small next to the published ones (announced_deals.csv/openai-google-2025-06)")]
    public double AssumedContractUsdBn { get; init; } = 3;

    [Parameter(12, 480, Unit = "months", Source = "announced_deals.csv/meta-blueowl-hyperion-2025-10: lease term not published; Meta's residual value guarantee runs 16 years")]
    public int AssumedLeaseMonths { get; init; } = 192;

    [Parameter(0, 1, Unit = "share of vehicle size", Source = "announced_deals.csv/meta-blueowl-hyperion-2025-10: 27.3 bn of notes and 2.45 bn of equity (0.92); stargate-abilene-jv-2025-05: 9.4 bn of loans and 3.4 bn of equity (0.73)")]
    public double SpvDebtShare { get; init; } = 0.92;

    [Parameter(0, 1, Unit = "share of vehicle equity", Source = "announced_deals.csv/meta-blueowl-hyperion-2025-10: Meta 20%, Blue Owl 80% (Oracle holds none of Abilene's)")]
    public double SpvSponsorEquityShare { get; init; } = 0.2;

    [Parameter(0, 0.2, Unit = "per year over risk-free", Source = "announced_deals.csv/meta-blueowl-hyperion-2025-10: notes at 6.58%, ~225 bp over Treasuries")]
    public double SpvNoteSpread { get; init; } = 0.0225;

    [Parameter(0, 500, Unit = "USD bn", Source = "announced_deals.csv/amd-openai-warrant-2025-10: 160 m AMD shares; assumption ~165 USD a share, AMD's close before the announcement")]
    public double AssumedWarrantUsdBn { get; init; } = 26;

    /// <summary>The cloud that stands for neoclouds that are not agents (Nebius, IREN, Nscale, Lambda, Fluidstack, Cerebras, Crusoe); empty records their deals only.</summary>
    [Parameter(Unit = "cloud name", Source = "model design: the scenario's one neocloud stands for the segment")]
    public string NeocloudStandIn { get; init; } = "CoreWeave";
}

public sealed record AnalysisOptions
{
    [Parameter(0, 1000, Unit = "USD bn per year", Source = "revenue_gap_required_revenue/Sequoia: 2 x 2 on chipmakers' data-center run-rate; 0 = use the simulated run-rate")]
    public double CahnRunRateOverrideUsdBn { get; init; } = 0;

    [Parameter(0.05, 1, Unit = "share", Source = "revenue_gap_required_revenue/Sequoia: GPUs ~half of data-center cost")]
    public double CahnChipShareOfCost { get; init; } = 0.5;

    [Parameter(0, 0.95, Unit = "share", Source = "revenue_gap_required_revenue/Sequoia: 50% gross margin for the end user")]
    public double CahnEndUserGrossMargin { get; init; } = 0.5;
}
