using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Market;

/// <summary>
/// An accelerator generation as the model ships it: a row of the scenario's generation table, or a successor the
/// roadmap extrapolates past the table's last row (<see cref="Extrapolated"/>).
/// </summary>
public sealed class Generation
{
    public required string Id { get; init; }
    public required string Vendor { get; init; }
    public required string Family { get; init; }
    public required YearMonth FirstVolumeMonth { get; init; }
    public required double H100ePerUnit { get; init; }
    public required double KwPerUnit { get; init; }
    /// <summary>System price per accelerator at the vendor's base gross margin, USD.</summary>
    public required double PriceUsdPerUnit { get; init; }
    public bool Extrapolated { get; init; }

    // Read for every vintage every month, so worked out once.
    public double KwPerH100e => _kwPerH100e ??= KwPerUnit / H100ePerUnit;
    public double ListPriceUsdPerH100e => _listPriceUsdPerH100e ??= PriceUsdPerUnit / H100ePerUnit;

    private double? _kwPerH100e, _listPriceUsdPerH100e;

    public override string ToString() => Id;

    /// <summary>Oldest first: by first volume month, then by id (ordinal). Ids are unique, so no two compare equal.</summary>
    internal static int OldestFirst(Generation a, Generation b)
    {
        var byMonth = a.FirstVolumeMonth.Index.CompareTo(b.FirstVolumeMonth.Index);
        return byMonth != 0 ? byMonth : string.CompareOrdinal(a.Id, b.Id);
    }
}

/// <summary>One generation's share of the H100e a line ships in a month.</summary>
public readonly record struct GenerationShare(Generation Generation, double Share);

/// <summary>
/// What a chipmaker ships to one kind of buyer (all its generations, or one family of custom silicon), month by month:
/// its newest generation whose first volume month has passed, phased in linearly over
/// <c>Hardware:GenerationOverlapMonths</c> while the older ones ship the rest. Before its first generation's volume
/// month a line ships that first generation (the table starts with the oldest generation a scenario needs).
/// </summary>
public sealed class ProductLine
{
    private readonly Generation[] _generations;
    private readonly int[] _firstMonths;
    private readonly int _overlapMonths;
    private readonly GenerationShare[] _mix;
    // The month _mix holds, and how many shares: every order a chipmaker delivers in a month asks for the same mix.
    private int _mixMonth = int.MinValue, _mixCount;
    // List price and kW per H100e of each month's mix, worked out once: every quote and plan asks for them. Indexed
    // from the first generation's first volume month less CachedMonthsBefore; NaN until asked.
    private const int CachedMonthsBefore = 120;
    private readonly int _firstCachedMonth;
    private double[] _listPrice = [], _kw = [];
    // The cache's length for the months a run is expected to ask about; 0 when not known.
    private readonly int _expectedLength;

    /// <param name="lastMonth">The last month a run is expected to ask about (a calendar month index), so that the
    /// figures' cache is sized once; later months still work.</param>
    internal ProductLine(string vendor, string family, IEnumerable<Generation> generations, int overlapMonths, int lastMonth = int.MinValue)
    {
        Vendor = vendor;
        Family = family;
        _generations = [.. generations];
        Array.Sort(_generations, Generation.OldestFirst);
        if (_generations.Length == 0) throw new InvalidOperationException($"{vendor} has no generation of family '{family}'");
        _firstMonths = new int[_generations.Length];
        for (var i = 0; i < _generations.Length; i++) _firstMonths[i] = _generations[i].FirstVolumeMonth.Index;
        _overlapMonths = overlapMonths;
        _mix = new GenerationShare[_generations.Length];
        _firstCachedMonth = _firstMonths[0] - CachedMonthsBefore;
        _expectedLength = lastMonth == int.MinValue ? 0 : Math.Max(0, lastMonth - _firstCachedMonth + 1);
    }

    public string Vendor { get; }
    /// <summary>The family this line is limited to; empty for all of the vendor's generations.</summary>
    public string Family { get; }
    public IReadOnlyList<Generation> Generations => _generations;

    /// <summary>
    /// The generations shipped in a calendar month and their shares of its H100e, newest first. The span is reused by
    /// the next call.
    /// </summary>
    public ReadOnlySpan<GenerationShare> MixAt(YearMonth month)
    {
        if (month.Index == _mixMonth) return _mix.AsSpan(0, _mixCount);
        // The span's search compares ints inline; the array's went through a comparer, a call per month asked. Among
        // equal first months either may find any; the last of them is taken.
        var newest = _firstMonths.AsSpan().BinarySearch(month.Index);
        newest = newest >= 0 ? LastWithFirstMonth(newest) : Math.Max(0, ~newest - 1);
        var remaining = 1.0;
        var count = 0;
        for (var i = newest; i >= 0 && remaining > 1e-12; i--)
        {
            var share = remaining * (i == 0 ? 1 : Ramp(month.Index - _firstMonths[i]));
            _mix[count++] = new GenerationShare(_generations[i], share);
            remaining -= share;
        }
        (_mixMonth, _mixCount) = (month.Index, count);
        return _mix.AsSpan(0, count);
    }

    /// <summary>List price per H100e of the month's mix (at the vendor's base gross margin), USD.</summary>
    public double ListPriceUsdPerH100eAt(YearMonth month) => Figures(month).ListPrice;

    /// <summary>IT kW per H100e of the month's mix.</summary>
    public double KwPerH100eAt(YearMonth month) => Figures(month).Kw;

    private (double ListPrice, double Kw) Figures(YearMonth month)
    {
        var i = month.Index - _firstCachedMonth;
        if (i < 0) return MixFigures(month);
        if (i >= _kw.Length) Grow(i);
        if (double.IsNaN(_kw[i])) (_listPrice[i], _kw[i]) = MixFigures(month);
        return (_listPrice[i], _kw[i]);
    }

    private (double ListPrice, double Kw) MixFigures(YearMonth month)
    {
        double price = 0, kw = 0;
        foreach (var (g, share) in MixAt(month))
        {
            price += share * g.ListPriceUsdPerH100e;
            kw += share * g.KwPerH100e;
        }
        return (price, kw);
    }

    private void Grow(int index)
    {
        var length = Math.Max(index + 1, _kw.Length == 0 ? _expectedLength : 2 * _kw.Length);
        var old = _kw.Length;
        Array.Resize(ref _listPrice, length);
        Array.Resize(ref _kw, length);
        _listPrice.AsSpan(old).Fill(double.NaN);
        _kw.AsSpan(old).Fill(double.NaN);
    }

    private int LastWithFirstMonth(int index)
    {
        while (index + 1 < _firstMonths.Length && _firstMonths[index + 1] == _firstMonths[index]) index++;
        return index;
    }

    private double Ramp(int monthsSinceFirstVolume) =>
        _overlapMonths <= 0 ? 1 : Math.Min(1, (monthsSinceFirstVolume + 1.0) / _overlapMonths);
}
