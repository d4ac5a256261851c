using MarketSim.Core.Agents;

namespace MarketSim.Core.Finance;

/// <summary>
/// A committed delayed-draw term loan secured on accelerators (CoreWeave's DDTL 2.0 to V): the lenders commit a limit,
/// the borrower draws it as its chips arrive, each draw a GPU-backed loan secured on them that matures
/// <see cref="Months"/> after it is drawn. The named holder carries the risk of every draw.
/// </summary>
public sealed class GpuFacility : IFinancingInstrument
{
    public required string Id { get; init; }
    public required Cloud Borrower { get; init; }
    public required double LimitUsdBn { get; init; }
    public required int Months { get; init; }
    public required string Holder { get; init; }
    public double DrawnUsdBn { get; internal set; }
    public double UndrawnUsdBn => Borrower.IsDefaulted ? 0 : Math.Max(0, LimitUsdBn - DrawnUsdBn);
    internal int Draws { get; set; }
    public string Kind => "GpuFacility";
    public string RiskHolders => Holder;
}
