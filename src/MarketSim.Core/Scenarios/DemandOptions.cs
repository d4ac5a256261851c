namespace MarketSim.Core.Scenarios;

/// <summary>End users: the buyer population, how it adopts and spends, and how it chooses between labs.</summary>
public sealed record DemandOptions
{
    [Parameter(0.05, 4, Unit = "-", Source = "assumption: Jevons debate (jevons_claim/Microsoft); swept 0.3-2.5; acts on the cost of a task near the opening price and saturates (Demand:SpendingMultipleCap)")]
    public double PriceElasticity { get; init; } = 0.9;

    [Parameter(0.1, 5, Unit = "x", Source = "multiplier on Bass p and q; baseline 0.883: posterior weighted median of experiments/results/calibration (ABC-SMC on 2023-2024 history, lab_revenue_annualized among its targets)")]
    public double AdoptionSpeed { get; init; } = 1.0;

    [Parameter(1000, 200000, Unit = "buyers", Source = "model resolution")]
    public int Buyers { get; init; } = 12000;

    [Parameter(0, 1, Unit = "per year", Source = "assumption: growth of value per token as capability rises")]
    public double ValueGrowthPerYear { get; init; } = 0.35;

    [Parameter(0, 5, Unit = "-", Source = "assumption: demand response to a tenfold capability gain")]
    public double CapabilityElasticity { get; init; } = 0.4;

    [Parameter(0, 2000, Unit = "USD bn per year", Source = "assumption: end-user AI spend at full adoption at 2025 prices and capability, about 5x the opening spend")]
    public double AddressableSpendUsdBn { get; init; } = 120;

    [Parameter(0, 1000, Unit = "USD bn per year", Source = "ai_revenue_openai_arr 2024 6, ai_revenue_anthropic_arr 2025-01 1, ai_revenue_runrate/Microsoft 2025-01 13, plus Google and AWS AI services: ~25 at the end of 2024")]
    public double InitialSpendUsdBn { get; init; } = 25;

    [Parameter(1, 1.5, Unit = "x InitialSpendUsdBn", Source = "assumption: the opening adopters' budgets may sum to 2% above the opening spend, so the buyer who crosses it can still join")]
    public double OpeningAdoptersSpendLimit { get; init; } = 1.02;

    [Parameter(0, 0.5, Unit = "per year", Source = "assumption: growth of the addressable pool")]
    public double AddressableGrowthPerYear { get; init; } = 0.12;

    [Parameter(0, 1, Unit = "share", Source = "1 - labs' share of the opening spend: runrate_end2024/OpenAI revenue 5.5 + Anthropic revenue 1.0 + about 1.5 for Google's, Meta's and xAI's models (assumption), over InitialSpendUsdBn 25 = 0.68; held constant (assumption)")]
    public double DirectComputeShare { get; init; } = 0.68;

    [Parameter(1.5, 100, Unit = "x", Source = "assumption: the most price alone can multiply or divide a segment's spending; cf. lighting in Britain 1800-2000, price down 3,000-fold, consumption up 40,000-fold with income and population, elasticity fading as light got cheap (Fouquet and Pearson 2012)")]
    public double SpendingMultipleCap { get; init; } = 10;

    [Parameter(0.01, 100, Unit = "orders of magnitude", Source = "assumption: the effect of capability gains on spending saturates at two orders of magnitude")]
    public double CapabilityGainCeiling { get; init; } = 2;

    [Parameter(0, 5, Unit = "log sd", Source = "assumption: dispersion of buyers' budgets (lognormal)")]
    public double BudgetDispersion { get; init; } = 1.2;

    [Parameter(0, 5, Unit = "capability index sd", Source = "assumption: spread of buyers' capability thresholds around their segment's")]
    public double ThresholdSpread { get; init; } = 0.5;

    [Parameter(0, 5, Unit = "log sd", Source = "assumption: dispersion of buyers' value per token (lognormal)")]
    public double ValueDispersion { get; init; } = 0.8;

    [Parameter(0, 20, Unit = "per capability index", Source = "assumption: logit weight of a lab's capability behind the frontier in end users' choice")]
    public double LabChoiceCapabilityWeight { get; init; } = 1.5;

    [Parameter(-10, 0, Unit = "-", Source = "assumption: elasticity of a lab's share to its price relative to the average")]
    public double LabChoicePriceExponent { get; init; } = -0.7;

    public DemandSegmentOptions Consumer { get; init; } = new() { Share = 0.40, Threshold = -0.6, BassP = 0.006, BassQ = 0.070 };
    public DemandSegmentOptions Enterprise { get; init; } = new() { Share = 0.45, Threshold = 0.0, BassP = 0.005, BassQ = 0.060 };
    public DemandSegmentOptions Agentic { get; init; } = new() { Share = 0.15, Threshold = 0.8, BassP = 0.003, BassQ = 0.080, TokensPerTaskGrowthPerYear = 1 };
}

/// <summary>One segment of end users (consumers, enterprises, agentic workloads). The three shares sum to 1.</summary>
public sealed record DemandSegmentOptions
{
    [Parameter(0, 1, Unit = "share of addressable spend", Source = "assumption: consumers 40%, enterprises 45%, agentic workloads 15%")]
    public double Share { get; init; }

    [Parameter(-5, 5, Unit = "capability index", Source = "assumption: capability a segment needs, relative to the opening frontier")]
    public double Threshold { get; init; }

    [Parameter(0, 1, Unit = "per month", Source = "Bass innovation p, with AdoptionSpeed fitted to 2023-2024 lab revenue (ai_revenue_openai)")]
    public double BassP { get; init; }

    [Parameter(0, 1, Unit = "per month", Source = "Bass imitation q, with AdoptionSpeed fitted to 2023-2024 lab revenue (ai_revenue_openai)")]
    public double BassQ { get; init; }

    [Parameter(0, 3, Unit = "per year", Source = "assumption: consumers and enterprises 0; agentic workloads 1, tokens per task doubling a year as agents run longer chains of calls (token_price/OpenAI o1: hidden reasoning tokens billed as output)")]
    public double TokensPerTaskGrowthPerYear { get; init; }
}
