using MarketSim.Core.Engine;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Market;

/// <summary>
/// The scenario's generation table, plus successors past its end: each chipmaker's last listed generation is followed
/// every <c>Chipmakers:&lt;name&gt;:GenerationCadenceMonths</c> by one that continues the log-linear trend of the
/// vendor's own table (first to last listed generation) in performance per unit, list price per H100e and kW per
/// H100e, where that trend improves: a table whose later generation does less per unit, or costs more or draws more
/// power per H100e, is continued flat, because a successor is never worse than what it follows (compounded for decades,
/// a worsening trend drew 1e41 kW per H100e). Successors are named <c>&lt;vendor&gt;-next-&lt;k&gt;</c> and belong to no listed family. A vendor with a single
/// listed generation has no successors. Lines for one family of custom silicon ship that family's generations and
/// then the vendor's successors.
/// </summary>
public sealed class ChipRoadmap
{
    // Successors are extrapolated this far past the clock's end: far enough for any lookahead or cohort tail.
    private const int ExtrapolationMonths = 240;
    // How far past the last stepped month plans may ask for a line's figures (shells take years to build).
    private const int LookaheadMonths = 60;

    private readonly Dictionary<string, Generation[]> _listed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Generation[]> _successors = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Vendor, string Family), ProductLine> _lines = new();
    private readonly int _overlapMonths;
    private readonly int _lastSteppedMonth;

    /// <param name="lastSteppedMonth">The last month a run steps through (a calendar month index), which with five years
    /// for plans that look ahead sizes the product lines' caches; unknown by default.</param>
    public ChipRoadmap(Scenario scenario, int lastSteppedMonth = int.MinValue)
    {
        _lastSteppedMonth = lastSteppedMonth;
        _overlapMonths = scenario.Hardware.GenerationOverlapMonths;
        var lastMonth = Math.Min(scenario.Clock.End.Index + ExtrapolationMonths, new YearMonth(2100, 12).Index);
        foreach (var (vendor, maker) in scenario.Chipmakers)
        {
            var ofVendor = new List<Generation>();
            foreach (var (id, row) in scenario.Generations)
                if (row.Vendor == vendor) ofVendor.Add(FromTable(id, row));
            var listed = ofVendor.ToArray();
            Array.Sort(listed, Generation.OldestFirst);
            _listed[vendor] = listed;
            _successors[vendor] = Successors(listed, maker.GenerationCadenceMonths, lastMonth).ToArray();
        }
    }

    /// <summary>What a vendor ships to buyers of one family (empty: of any family); the same instance on every call.</summary>
    public ProductLine Line(string vendor, string family = "")
    {
        if (_lines.TryGetValue((vendor, family), out var line)) return line;
        var listed = _listed[vendor].Where(g => family.Length == 0 || g.Family == family).ToArray();
        var lastListed = listed.Length > 0 ? listed[^1].FirstVolumeMonth.Index : int.MinValue;
        var successors = _successors[vendor].Where(g => g.FirstVolumeMonth.Index > lastListed);
        line = new ProductLine(vendor, family, listed.Concat(successors), _overlapMonths,
            _lastSteppedMonth == int.MinValue ? int.MinValue : _lastSteppedMonth + LookaheadMonths);
        _lines[(vendor, family)] = line;
        return line;
    }

    private static Generation FromTable(string id, GenerationOptions o) => new()
    {
        Id = id, Vendor = o.Vendor, Family = o.Family, FirstVolumeMonth = o.FirstVolumeMonth,
        H100ePerUnit = o.H100ePerUnit, KwPerUnit = o.KwPerUnit, PriceUsdPerUnit = o.PriceUsdPerUnit,
    };

    private static IEnumerable<Generation> Successors(Generation[] listed, int cadenceMonths, int lastMonth)
    {
        if (listed.Length < 2 || cadenceMonths <= 0) yield break;
        var (first, last) = (listed[0], listed[^1]);
        var span = last.FirstVolumeMonth.Index - first.FirstVolumeMonth.Index;
        if (span <= 0) yield break;
        double Growth(double from, double to) => TableMath.Pow(to / from, 1.0 / span);
        var performance = Math.Max(1, Growth(first.H100ePerUnit, last.H100ePerUnit));
        var price = Math.Min(1, Growth(first.ListPriceUsdPerH100e, last.ListPriceUsdPerH100e));
        var power = Math.Min(1, Growth(first.KwPerH100e, last.KwPerH100e));
        for (var k = 1; last.FirstVolumeMonth.Index + k * cadenceMonths <= lastMonth; k++)
        {
            var months = k * cadenceMonths;
            var h100e = last.H100ePerUnit * TableMath.Pow(performance, months);
            yield return new Generation
            {
                Id = $"{last.Vendor.ToLowerInvariant()}-next-{k}", Vendor = last.Vendor, Family = $"{last.Vendor} successor", Extrapolated = true,
                FirstVolumeMonth = last.FirstVolumeMonth.AddMonths(months),
                H100ePerUnit = h100e,
                KwPerUnit = last.KwPerH100e * TableMath.Pow(power, months) * h100e,
                PriceUsdPerUnit = last.ListPriceUsdPerH100e * TableMath.Pow(price, months) * h100e,
            };
        }
    }
}
