namespace MarketSim.Core.Rules;

/// <summary>
/// The lowest price compute is rented or contracted at: a tenth of a cent per H100e-hour, far below any cash cost in
/// the baseline's ranges. At a price of zero what a budget buys is unbounded (a parent's training budget divided by the
/// price), and unit-elastic demand infinite; power and operations that cost nothing are within their declared ranges,
/// so a rule floored at cash cost alone could still quote zero.
/// </summary>
public static class LowestRent
{
    public const double UsdPerH100eHour = 0.001;
}
