using MarketSim.Core.Engine;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Agents;

/// <summary>
/// End users as a population of heterogeneous buyers in three segments. Each buyer has a budget (its share of the
/// addressable spend), a capability threshold and a value per token; it adopts by Bass-like diffusion once models are
/// capable enough and cheap enough for it. Adopted buyers spend their budget, scaled by the market's growth, by
/// capability, and by the cost of a task (token price x the segment's tokens per task) with the scenario's elasticity,
/// saturating (<see cref="SpendingMultiple"/>): above 1, cheaper tasks raise spending (Jevons), below 1 they lower it,
/// and price alone never moves it beyond <c>Demand:SpendingMultipleCap</c>.
/// </summary>
public sealed class DemandPopulation
{
    /// <summary>The segments in the order of <see cref="_segments"/>.</summary>
    public static IReadOnlyList<string> SegmentNames { get; } = ["consumer", "enterprise", "agentic"];

    private readonly DemandOptions _o;
    private readonly DemandSegmentOptions[] _segments;
    private readonly int _count;
    // Waiting buyers by segment: each segment's scan then needs only its own hazard and countdown.
    private readonly WaitingBuyers[] _waiting;
    private readonly double[] _adoptedBudget;
    private readonly double[] _segmentBudget;
    private readonly double[] _segmentSpend;
    private readonly Random _rng;
    private readonly double _openingCapability;
    private double _shortfall = 1;

    /// <param name="buffers">The run's reusable arrays for the waiting buyers; without, the population makes its own.</param>
    internal DemandPopulation(DemandOptions options, double openingCapability, Random rng, Engine.RunBuffers? buffers = null)
    {
        _o = options;
        _segments = [options.Consumer, options.Enterprise, options.Agentic];
        _waiting = new WaitingBuyers[_segments.Length];
        _adoptedBudget = new double[_segments.Length];
        _segmentBudget = new double[_segments.Length];
        _segmentSpend = new double[_segments.Length];
        _rng = rng;
        _openingCapability = openingCapability;
        var n = _count = options.Buyers;
        // The arrays only live while the population is drawn, and at 12,000 buyers they are large objects the
        // collector zeroes and collects with the oldest generation, so each thread draws into the same ones, run
        // after run.
        var scratch = DrawScratch.For(n);
        var (budget, threshold, value, segment) = (scratch.Budget, scratch.Threshold, scratch.Value, scratch.Segment);
        PolarNormal.Fill(rng, budget, 0, options.BudgetDispersion);
        Exponentiate(budget);
        PolarNormal.Fill(rng, threshold, 0, options.ThresholdSpread);
        PolarNormal.Fill(rng, value, 0, options.ValueDispersion);
        Exponentiate(value);
        // The segment draws in one block: the same uniforms, in the same order, as one NextDouble per buyer.
        var uniforms = scratch.Uniforms;
        XoshiroDraws.NextDoubles(rng, uniforms);
        Span<double> shares = stackalloc double[_segments.Length];
        Span<double> offsets = stackalloc double[_segments.Length];
        for (var s = 0; s < _segments.Length; s++)
        {
            shares[s] = _segments[s].Share;
            offsets[s] = openingCapability + _segments[s].Threshold;
        }
        AssignSegments(uniforms, shares, offsets, threshold, budget, segment, _segmentBudget);
        RescaleBudgets(budget, segment, _segmentBudget, options.AddressableSpendUsdBn, shares);
        SeedAdoption(options.InitialSpendUsdBn, scratch, buffers);
    }

    public int Count => _count;
    public int Adopters
    {
        get
        {
            var waiting = 0;
            foreach (var segment in _waiting) waiting += segment.Count;
            return Count - waiting;
        }
    }

    internal void Shortfall(double fraction) => _shortfall *= 1 - fraction;

    /// <summary>Adoption this month, then the month's spending in USD bn.</summary>
    internal double Step(double frontierCapability, double priceIndex, double years)
    {
        var valueNeeded = priceIndex / TableMath.Pow(1 + _o.ValueGrowthPerYear, years);
        // Hazards from the adoption at the start of the month, for all segments before anyone adopts.
        Span<double> logStay = stackalloc double[_segments.Length];
        for (var s = 0; s < _segments.Length; s++)
            logStay[s] = TableMath.Log(1 - Math.Min(1, _o.AdoptionSpeed * (_segments[s].BassP + _segments[s].BassQ * _adoptedBudget[s] / _segmentBudget[s])));
        for (var s = 0; s < _segments.Length; s++)
            _waiting[s].Adopt(frontierCapability, valueNeeded, logStay[s], _rng, ref _adoptedBudget[s]);
        var factor = TableMath.Pow(1 + _o.AddressableGrowthPerYear, years)
            * TableMath.Pow(10, _o.CapabilityElasticity * SaturatingGain(frontierCapability - _openingCapability, _o.CapabilityGainCeiling))
            * _shortfall;
        double spend = 0;
        for (var s = 0; s < _segments.Length; s++)
        {
            var costPerTask = Math.Max(priceIndex, 1e-6) * TableMath.Pow(1 + _segments[s].TokensPerTaskGrowthPerYear, years);
            _segmentSpend[s] = _adoptedBudget[s] * factor * SpendingMultiple(costPerTask, _o.PriceElasticity, _o.SpendingMultipleCap) / 12;
            spend += _segmentSpend[s];
        }
        return spend;
    }

    /// <summary>This month's spending of one segment (<c>consumer</c>, <c>enterprise</c> or <c>agentic</c>), USD bn.</summary>
    public double SpendOf(string segment) => _segmentSpend[SegmentNames.ToList().IndexOf(segment)];

    /// <summary>
    /// How price alone multiplies a segment's spending: the cost of a task (token price x tokens per task, as indices
    /// of their opening values) raised to 1 - elasticity near the opening price, bent smoothly (tanh in logs) so the
    /// multiple never leaves [1/cap, cap]. The local elasticity is the scenario's near the opening price and fades to
    /// one (spending stops responding) as the multiple nears its bound, as the price elasticity of lighting did while
    /// its price fell 3,000-fold (Fouquet and Pearson 2012).
    /// </summary>
    public static double SpendingMultiple(double costPerTaskIndex, double elasticity, double cap)
    {
        var bound = TableMath.Log(cap);
        return TableMath.Exp(bound * Math.Tanh((1 - elasticity) * TableMath.Log(costPerTaskIndex) / bound));
    }

    /// <summary>
    /// Capability gains raise willingness to pay with diminishing returns, towards a ceiling (<c>Demand:CapabilityGainCeiling</c>,
    /// two orders of magnitude): with a ceiling of 2 a gain of 2 counts as 1.
    /// </summary>
    public static double SaturatingGain(double capabilityGain, double ceiling) =>
        capabilityGain <= 0 ? capabilityGain : capabilityGain / (1 + capabilityGain / ceiling);

    /// <summary>The opening adopters: eligible buyers, in random order, until their budgets match the opening spend.</summary>
    private void SeedAdoption(double openingSpend, DrawScratch scratch, Engine.RunBuffers? buffers)
    {
        var (budget, threshold, value, segment) = (scratch.Budget, scratch.Threshold, scratch.Value, scratch.Segment);
        var order = scratch.Order;
        for (var i = 0; i < order.Length; i++) order[i] = i;
        XoshiroDraws.Shuffle(_rng, order);
        var adopter = scratch.Adopter;
        Array.Clear(adopter);
        SelectOpeningAdopters(order, threshold, value, budget, segment, _openingCapability, openingSpend * _o.OpeningAdoptersSpendLimit, _adoptedBudget, adopter);
        // The waiting buyers of each segment in index order; the scan's order only has to be fixed, not random.
        Span<int> waiting = stackalloc int[_segments.Length];
        for (var i = 0; i < Count; i++) waiting[segment[i]] += adopter[i] ? 0 : 1;
        for (var s = 0; s < _segments.Length; s++) _waiting[s] = new WaitingBuyers(waiting[s], buffers, 3 * s);
        for (var i = 0; i < Count; i++)
            if (!adopter[i]) _waiting[segment[i]].Add(threshold[i], value[i], budget[i]);
    }

    /// <summary>
    /// Each buyer's budget times its segment's addressable spend (total x share) over the segment's drawn total,
    /// <paramref name="segmentBudget"/> then the segments' totals of the rescaled budgets. The factor is the same for
    /// every buyer of a segment, so it is worked out once per segment, and the rescaled budgets are summed as they are
    /// made, in the order a pass of their own would sum them: the same bits as the expression per buyer.
    /// </summary>
    internal static void RescaleBudgets(double[] budget, byte[] segment, double[] segmentBudget, double addressable, ReadOnlySpan<double> shares)
    {
        Span<double> scale = stackalloc double[segmentBudget.Length];
        for (var s = 0; s < scale.Length; s++) scale[s] = addressable * shares[s] / segmentBudget[s];
        Array.Clear(segmentBudget);
        for (var i = 0; i < budget.Length; i++)
        {
            var seg = segment[i];
            budget[i] *= scale[seg];
            segmentBudget[seg] += budget[i];
        }
    }

    /// <summary>
    /// The opening adopters: buyers taken in <paramref name="order"/> while eligible (capable and cheap enough at the
    /// opening) and while their budget keeps the adopted total within <paramref name="limit"/>; their budgets are
    /// added to their segments' <paramref name="adoptedBudget"/> and they are marked in <paramref name="adopter"/>.
    /// </summary>
    internal static void SelectOpeningAdopters(int[] order, double[] threshold, double[] value, double[] budget, byte[] segment,
        double openingCapability, double limit, double[] adoptedBudget, bool[] adopter)
    {
        double adopted = 0;
        foreach (var i in order)
        {
            // All three tests at once (&, not &&), so that the buyers, in random order, make one branch rather than
            // three the predictor cannot learn; none of them has a side effect.
            if ((threshold[i] <= openingCapability) & (value[i] >= 1) & (adopted + budget[i] <= limit))
            {
                adopted += budget[i];
                adoptedBudget[segment[i]] += budget[i];
                adopter[i] = true;
            }
        }
    }

    /// <summary>
    /// Each buyer's segment from its uniform (the first whose running total of shares exceeds it, else the last), its
    /// threshold moved by the segment's offset (opening capability + the segment's threshold), and the segments'
    /// totals of drawn budgets. The running totals and offsets are the same for every buyer, so they are added up
    /// once rather than per buyer: the same sums, so the same bits.
    /// </summary>
    internal static void AssignSegments(double[] uniforms, ReadOnlySpan<double> shares, ReadOnlySpan<double> offsets,
        double[] threshold, double[] budget, byte[] segment, double[] segmentBudget)
    {
        Span<double> bounds = stackalloc double[shares.Length];
        double c = 0;
        for (var s = 0; s < shares.Length; s++) bounds[s] = c += shares[s];
        var lastSegment = shares.Length - 1;
        // With running totals that never fall (shares of at least zero), the segment is how many of the totals before
        // the last the uniform is not below: counted without a branch, as the segments come in random order.
        var rising = true;
        for (var s = 1; s < lastSegment; s++) rising &= bounds[s - 1] <= bounds[s];
        for (var i = 0; i < uniforms.Length; i++)
        {
            var u = uniforms[i];
            var seg = 0;
            if (rising)
                for (var s = 0; s < lastSegment; s++) seg += u < bounds[s] ? 0 : 1;
            else
                while (seg < lastSegment && !(u < bounds[seg])) seg++;
            segment[i] = (byte)seg;
            threshold[i] += offsets[seg];
            segmentBudget[seg] += budget[i];
        }
    }

    /// <summary>Normal draws to log-normal ones (what LogNormal.Samples does, without its parallel loop).</summary>
    private static void Exponentiate(double[] values)
    {
        TableMath.ExpInPlace(values);
    }

    /// <summary>The arrays a population is drawn into, one set per thread, reused while the buyer count stays the same.</summary>
    private sealed class DrawScratch
    {
        [ThreadStatic] private static DrawScratch? _current;

        private DrawScratch(int n)
        {
            Budget = new double[n];
            Threshold = new double[n];
            Value = new double[n];
            Segment = new byte[n];
            Order = new int[n];
            Adopter = new bool[n];
            Uniforms = new double[n];
        }

        public double[] Budget { get; }
        public double[] Threshold { get; }
        public double[] Value { get; }
        public byte[] Segment { get; }
        public int[] Order { get; }
        public bool[] Adopter { get; }
        public double[] Uniforms { get; }

        /// <summary>This thread's arrays for n buyers; every caller overwrites them whole before reading them.</summary>
        public static DrawScratch For(int n) =>
            _current is { } s && s.Budget.Length == n ? s : _current = new DrawScratch(n);
    }
}
