namespace MarketSim.Core.Scenarios;

/// <summary>How clouds plan capacity (Rules/Capacity.cs) and see demand.</summary>
public sealed record CapacityOptions
{
    [Parameter(0, 5, Unit = "x forecast", Source = "how far clouds plan above their demand forecast; baseline 1.11: posterior weighted median of experiments/results/calibration (ABC-SMC on 2023-2024 history, capex_cash among its targets)")]
    public double ForecastBuffer { get; init; } = 1.1;

    [Parameter(1, 36, Unit = "months", Source = "assumption: chips are ordered about six months ahead of need")]
    public int ChipHorizonMonths { get; init; } = 6;

    [Parameter(0, 60, Unit = "months", Source = "assumption: labs contract about a year ahead, so clouds know signed volume that far out")]
    public int SignedHorizonMonths { get; init; } = 12;

    [Parameter(1, 24, Unit = "months", Source = "assumption: clouds average spot and direct requests over about three months")]
    public double SpotAverageMonths { get; init; } = 3;
}

/// <summary>The baseline impairment test (Rules/WriteDown.cs).</summary>
public sealed record WriteDownOptions
{
    [Parameter(1, 12, Unit = "months", Source = "assumption: vintages are reviewed each quarter, with the accounts")]
    public int ReviewEveryMonths { get; init; } = 3;

    [Parameter(0, 1, Unit = "share of rental margin", Source = "assumption: 60% of the margin over power is cash flow to the owner")]
    public double MarginShare { get; init; } = 0.6;

    [Parameter(0, 1, Unit = "share of book value", Source = "assumption: a vintage is impaired when its value in use is below 80% of book")]
    public double ImpairmentShare { get; init; } = 0.8;

    [Parameter(0, 1, Unit = "share", Source = "assumption: the valuation never assumes less than 30% utilization")]
    public double UtilizationFloor { get; init; } = 0.3;
}
