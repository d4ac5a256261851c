namespace MarketSim.Core.Scenarios;

/// <summary>Shocks a user switches on at a date. Each fires once, at the start of its month.</summary>
public sealed record ShockOptions
{
    public EfficiencyBreakthroughShock EfficiencyBreakthrough { get; init; } = new();
    public DemandShortfallShock DemandShortfall { get; init; } = new();
    public PriceWarShock PriceWar { get; init; } = new();
    public PowerCrunchShock PowerCrunch { get; init; } = new();
    public RateRiseShock RateRise { get; init; } = new();
    public LabDefaultShock LabDefault { get; init; } = new();
}

public sealed record EfficiencyBreakthroughShock
{
    [Parameter(Unit = "flag", Source = "model design: shocks are off unless switched on")]
    public bool Enabled { get; init; }

    [Parameter(Unit = "month", Source = "assumption: the start of the 2026-2027 cohort")]
    public YearMonth Date { get; init; } = new(2026, 1);

    [Parameter(1, 1000, Unit = "x", Source = "assumption: a DeepSeek-style drop in compute per token")]
    public double Factor { get; init; } = 10;
}

public sealed record DemandShortfallShock
{
    [Parameter(Unit = "flag", Source = "model design: shocks are off unless switched on")]
    public bool Enabled { get; init; }

    [Parameter(Unit = "month", Source = "assumption: the start of the 2026-2027 cohort")]
    public YearMonth Date { get; init; } = new(2026, 1);

    [Parameter(0, 0.95, Unit = "share", Source = "enterprise_ai_roi/MIT NANDA: 95% of pilots show no P&L return")]
    public double Fraction { get; init; } = 0.4;
}

public sealed record PriceWarShock
{
    [Parameter(Unit = "flag", Source = "model design: shocks are off unless switched on")]
    public bool Enabled { get; init; }

    [Parameter(Unit = "month", Source = "assumption: the start of the 2026-2027 cohort")]
    public YearMonth Date { get; init; } = new(2026, 1);

    [Parameter(0, 0.95, Unit = "share", Source = "gpu_rental_price: H100 fell from 8 to below 2 USD per hour 2023-2024")]
    public double PriceCut { get; init; } = 0.5;
}

public sealed record PowerCrunchShock
{
    [Parameter(Unit = "flag", Source = "model design: shocks are off unless switched on")]
    public bool Enabled { get; init; }

    [Parameter(Unit = "month", Source = "assumption: the start of the 2026-2027 cohort")]
    public YearMonth Date { get; init; } = new(2026, 1);

    [Parameter(0, 1, Unit = "share", Source = "grid_connection_wait: share of regional power additions lost")]
    public double Fraction { get; init; } = 0.5;
}

public sealed record RateRiseShock
{
    [Parameter(Unit = "flag", Source = "model design: shocks are off unless switched on")]
    public bool Enabled { get; init; }

    [Parameter(Unit = "month", Source = "assumption: the start of the 2026-2027 cohort")]
    public YearMonth Date { get; init; } = new(2026, 1);

    [Parameter(0, 0.1, Unit = "per year", Source = "assumption: a 2022-style rise of 2-4 points")]
    public double Rise { get; init; } = 0.02;
}

public sealed record LabDefaultShock
{
    [Parameter(Unit = "flag", Source = "model design: shocks are off unless switched on")]
    public bool Enabled { get; init; }

    [Parameter(Unit = "month", Source = "assumption: the start of the 2026-2027 cohort")]
    public YearMonth Date { get; init; } = new(2026, 1);
    [Parameter(Unit = "lab name", Source = "assumption: the lab with the least revenue behind its commitments")]
    public string Lab { get; init; } = "xAI";
}
