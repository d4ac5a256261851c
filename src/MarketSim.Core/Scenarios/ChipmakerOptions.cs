namespace MarketSim.Core.Scenarios;

/// <summary>
/// A chipmaker at the start of the run, and how it behaves. Money in USD bn, compute in H100-equivalents (H100e). What
/// it ships and at what list price comes from the generations that name it as their vendor (<c>Generations</c>).
/// </summary>
public sealed record ChipmakerOptions
{
    [Parameter(0, 1e8, Unit = "H100e per month", Source = "chip_stock_cumulative/Nvidia (Epoch) end-2023 1.39M, end-2024 4.72M H100e: ~0.38M a month by Q4 2024; AMD from amd_dc_gpu_revenue/AMD 2024")]
    public double CapacityH100ePerMonth { get; init; }

    [Parameter(0, 10, Unit = "per year", Source = "assumption: growth of packaging (CoWoS) capacity; Nvidia 1.5, others 1.0 in the baseline")]
    public double CapacityGrowthPerYear { get; init; } = 0.5;

    [Parameter(0, 36, Unit = "months", Source = "assumption: 9-12 months for packaging lines (dc_equipment_lead_time/Switchgear (US) 2024: 46-48 weeks for comparable equipment)")]
    public int CapacityLeadMonths { get; init; } = 12;

    [Parameter(0, 0.95, Unit = "share", Source = "nvidia_dc_revenue_q Q4 FY2025 at a ~75% margin; baseline Nvidia 0.70, AMD 0.50, custom 0.55 (assumption)")]
    public double BaseGrossMargin { get; init; } = 0.6;

    [Parameter(0, 0.95, Unit = "share", Source = "assumption: the margin under full scarcity (Nvidia 0.78)")]
    public double MaxGrossMargin { get; init; } = 0.78;

    [Parameter(0, 10, Unit = "x", Source = "assumption: clouds' relative preference for the vendor (AMD 0.12 from amd_dc_gpu_revenue/AMD 2024 against Nvidia)")]
    public double Preference { get; init; } = 1;

    [Parameter(0, 10, Unit = "x of modeled clouds' orders", Source = "nvidia_dc_revenue_q note: over half of data-center revenue from large clouds")]
    public double OtherBuyersRatio { get; init; } = 0.8;

    [Parameter(0, 5000, Unit = "USD bn", Source = "assumption: company balance sheets at the end of 2024")]
    public double Cash { get; init; } = 10;

    [Parameter(0, 5000, Unit = "USD bn", Source = "assumption: company balance sheets at the end of 2024")]
    public double Debt { get; init; }

    /// <summary>Months between the successors extrapolated past this chipmaker's last generation in the table.</summary>
    [Parameter(6, 60, Unit = "months", Source = "chip_generations.csv: Nvidia's architectures arrive about every two years (Hopper 2022-10, Blackwell 2024-12, Rubin 2026-09, Feynman 2028-09)")]
    public int GenerationCadenceMonths { get; init; } = 24;

    /// <summary>Designed by clouds for themselves (TPU, Trainium): receives their <c>CustomSiliconShare</c> of orders.</summary>
    [Parameter(Unit = "flag", Source = "model design: TPU, Trainium, Broadcom and Marvell parts are sold only to the clouds that design them")]
    public bool InHouse { get; init; }

    [Parameter(0, 1, Unit = "share per month", Source = "assumption: the margin moves a quarter of the way to its target each month")]
    public double MarginAdjustment { get; init; } = 0.25;

    [Parameter(0, 24, Unit = "months of output", Source = "assumption: a backlog above two months of output is scarcity")]
    public double ScarcityBacklogMonths { get; init; } = 2;

    [Parameter(0.1, 48, Unit = "months of output", Source = "assumption: the margin reaches its ceiling six months of backlog past the threshold")]
    public double ScarcitySpanMonths { get; init; } = 6;

    [Parameter(1, 36, Unit = "months", Source = "assumption: order intake is averaged over about six months")]
    public double IntakeAveragingMonths { get; init; } = 6;

    [Parameter(0, 5, Unit = "x intake", Source = "assumption: capacity is planned 10% above the average order intake")]
    public double IntakeBuffer { get; init; } = 1.1;

    [Parameter(1, 240, Unit = "months", Source = "assumption: capacity is also planned to clear the backlog over two years")]
    public double BacklogClearMonths { get; init; } = 24;

    [Parameter(0, 5, Unit = "x a year's output at unit cost", Source = "assumption: packaging and test lines cost about a tenth of a year's output at unit cost")]
    public double LineCapexShare { get; init; } = 0.1;

    [Parameter(0, 0.5, Unit = "share of revenue", Source = "assumption: other capex, 0.3% of revenue")]
    public double RevenueCapexShare { get; init; } = 0.003;

    [Parameter(0, 1, Unit = "share of revenue", Source = "assumption: operating costs a tenth of revenue")]
    public double OpexShare { get; init; } = 0.1;

    [Parameter(0, 1000, Unit = "USD bn", Source = "assumption: cash kept before paying out, plus CashFloorRevenueShare of revenue")]
    public double CashFloorUsdBn { get; init; } = 5;

    [Parameter(0, 5, Unit = "x revenue", Source = "assumption: a quarter of a year's revenue kept as cash")]
    public double CashFloorRevenueShare { get; init; } = 0.25;

    [Parameter(0, 1, Unit = "share per month", Source = "assumption: a tenth of the cash above the floor is paid to shareholders each month")]
    public double PayoutShare { get; init; } = 0.1;

    /// <summary>This chipmaker's own rules; empty names use the scenario-wide choice.</summary>
    public ChipmakerPolicyOptions Policies { get; init; } = new();
}
