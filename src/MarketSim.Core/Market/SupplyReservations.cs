using MarketSim.Core.Agents;
using MarketSim.Core.Engine;

namespace MarketSim.Core.Market;

/// <summary>
/// Chip-supply deals: a chipmaker sets aside H100e a month for a lab over the deal's term. The maker plans its
/// production for the reserved volume; clouds that build for the lab place the lab's part of their orders with the
/// maker first, up to the month's reservation and never more than the maker makes in a month. A reservation nobody
/// orders against lapses: the deals are supply commitments, not take-or-pay purchases.
/// </summary>
internal sealed class SupplyReservations(World world)
{
    private sealed class Reservation
    {
        public required string Deal { get; init; }
        public required Chipmaker Maker { get; init; }
        public required Lab Lab { get; init; }
        public required double PerMonthH100e { get; init; }
        public required int StartStep { get; init; }
        public required int EndStep { get; init; }
        public double LeftThisMonth { get; set; }
        public double OrderedGw { get; set; }
        public bool ActiveAt(int step) => step >= StartStep && step < EndStep;
    }

    private readonly List<Reservation> _all = [];
    private readonly double[] _routed = new double[world.Chipmakers.Count];
    // What one Route call has placed per lab, so two reservations for one lab share its part of the order.
    private readonly List<(Lab Lab, double H100e)> _placedThisCall = [];
    private bool _anyActive;

    public void Add(string deal, Chipmaker maker, Lab lab, double h100e, int startStep, int months) =>
        _all.Add(new Reservation
        {
            Deal = deal, Maker = maker, Lab = lab, PerMonthH100e = h100e / months, StartStep = startStep, EndStep = startStep + months,
        });

    /// <summary>Opens this month's allowances and tells each maker what is reserved a production lead time ahead.</summary>
    public void BeginMonth()
    {
        if (_all.Count == 0) return;
        var step = world.Clock.Step;
        Array.Clear(_routed);
        _anyActive = false;
        foreach (var maker in world.Chipmakers) maker.ReservedH100ePerMonth = 0;
        foreach (var r in _all)
        {
            r.LeftThisMonth = r.ActiveAt(step) && !r.Lab.IsDefaulted ? r.PerMonthH100e : 0;
            _anyActive |= r.LeftThisMonth > 0;
            if (r.ActiveAt(step + r.Maker.Options.CapacityLeadMonths) && !r.Lab.IsDefaulted)
                r.Maker.ReservedH100ePerMonth += r.PerMonthH100e;
        }
    }

    /// <summary>
    /// Places the reserved part of a cloud's order: for each reservation, the share of the order that serves the
    /// reservation's lab (the lab's share of the cloud's contracted and spot demand at the chip horizon), with makers
    /// the cloud's vendor rule buys from at all. The orders name the capacity rule that wanted the chips and the deal
    /// that chose the maker. Returns the H100e placed; the vendor rule splits the rest.
    /// </summary>
    public double Route(Cloud cloud, double h100e, ReadOnlySpan<double> vendorWeights, string rule)
    {
        if (!_anyActive || cloud.IsCaptive) return 0;
        var horizon = world.Clock.Step + world.Scenario.Capacity.ChipHorizonMonths;
        var demand = Math.Max(1, cloud.ContractedH100eAt(horizon) + cloud.SpotAndDirectH100eAverage);
        double placed = 0;
        foreach (var r in _all)
        {
            if (r.LeftThisMonth <= 0) continue;
            var maker = IndexOf(r.Maker);
            if (vendorWeights[maker] <= 0) continue;
            var forLab = h100e * ContractedWith(cloud, r.Lab, horizon) / demand - PlacedFor(r.Lab);
            var qty = Math.Min(Math.Min(forLab, r.LeftThisMonth), Math.Min(h100e - placed, r.Maker.CapacityH100ePerMonth - _routed[maker]));
            if (qty <= 1) continue;
            cloud.PlaceOrder(r.Maker, qty, rule, $"deal={r.Deal} h100e={qty:F0}");
            r.LeftThisMonth -= qty;
            r.OrderedGw += qty * cloud.KwPerH100eFrom(r.Maker) / 1e6;
            _routed[maker] += qty;
            placed += qty;
            _placedThisCall.Add((r.Lab, qty));
        }
        _placedThisCall.Clear();
        return placed;
    }

    /// <summary>Whether a chip-supply deal reserves the maker's output for the lab.</summary>
    public bool Reserves(Chipmaker maker, Lab lab)
    {
        foreach (var r in _all) if (r.Maker == maker && r.Lab == lab) return true;
        return false;
    }

    /// <summary>GW of a maker's accelerators ordered so far under its reservations for a lab.</summary>
    public double OrderedGw(Chipmaker maker, Lab lab)
    {
        double gw = 0;
        foreach (var r in _all) if (r.Maker == maker && r.Lab == lab) gw += r.OrderedGw;
        return gw;
    }

    private double PlacedFor(Lab lab)
    {
        double sum = 0;
        foreach (var (l, h) in _placedThisCall) if (l == lab) sum += h;
        return sum;
    }

    private int IndexOf(Chipmaker maker)
    {
        var makers = world.Chipmakers;
        for (var i = 0; i < makers.Count; i++) if (makers[i] == maker) return i;
        return -1;
    }

    private static double ContractedWith(Cloud cloud, Lab lab, int step)
    {
        double sum = 0;
        foreach (var contract in cloud.ContractSpan) if (contract.Lab == lab) sum += contract.VolumeAt(step);
        return sum;
    }
}
