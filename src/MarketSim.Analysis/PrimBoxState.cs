using System.Runtime.CompilerServices;

namespace MarketSim.Analysis;

/// <summary>The points PRIM works on: coordinates, target flags, categorical codes and each dimension's order.</summary>
internal sealed class PrimSpace
{
    public int N { get; }
    public int D { get; }
    public double[][] X { get; }
    public bool[] Target { get; }
    public bool[] Categorical { get; }
    /// <summary>A categorical dimension's distinct codes, ascending (empty for continuous ones).</summary>
    public double[][] Values { get; }
    /// <summary>[dimension][point]: the position of the point's code in Values (categorical dimensions only).</summary>
    public int[][] ValueIndex { get; }
    public double[] DataLow { get; }
    public double[] DataHigh { get; }
    /// <summary>Continuous dimensions first, then categorical ones, each in their own order.</summary>
    public int[] DimensionOrder { get; }
    /// <summary>[dimension]: all points in ascending order of the dimension (continuous dimensions only).</summary>
    public int[][] Order { get; }

    public PrimSpace(double[][] x, bool[] target, bool[] categorical)
    {
        N = x.Length;
        D = x[0].Length;
        if (categorical.Length != D) throw new ArgumentException("one categorical flag per dimension is needed");
        X = x;
        Target = target;
        Categorical = categorical;
        DataLow = Enumerable.Range(0, D).Select(j => x.Min(p => p[j])).ToArray();
        DataHigh = Enumerable.Range(0, D).Select(j => x.Max(p => p[j])).ToArray();
        Values = Enumerable.Range(0, D).Select(j => categorical[j] ? x.Select(p => p[j]).Distinct().Order().ToArray() : []).ToArray();
        ValueIndex = Enumerable.Range(0, D).Select(j => categorical[j] ? x.Select(p => Array.IndexOf(Values[j], p[j])).ToArray() : []).ToArray();
        DimensionOrder = [.. Enumerable.Range(0, D).Where(j => !categorical[j]), .. Enumerable.Range(0, D).Where(j => categorical[j])];
        Order = Enumerable.Range(0, D).Select(j => categorical[j] ? [] : Enumerable.Range(0, N).OrderBy(i => x[i][j]).ToArray()).ToArray();
    }

    public bool Contains(PrimStep step, int point)
    {
        for (var j = 0; j < D; j++)
        {
            var v = X[point][j];
            if (step.Kept[j] is { } kept ? !kept.Contains(v) : v < step.Low[j] || v > step.High[j]) return false;
        }
        return true;
    }
}

internal enum PrimMoveKind { Low, High, RemoveValue, AddValue }

/// <summary>A candidate change of one limit, with the box it would leave.</summary>
internal sealed class PrimMove(int dimension, PrimMoveKind kind, double limit, int valueIndex, int points, int targetPoints)
{
    public int Dimension { get; } = dimension;
    public PrimMoveKind Kind { get; } = kind;
    public double Limit { get; } = limit;
    public int ValueIndex { get; } = valueIndex;
    public int Points { get; } = points;
    public int TargetPoints { get; } = targetPoints;
    public double Score { get; set; }
    public int Restricted { get; set; }
}

/// <summary>A box being peeled and pasted on the remaining points: its limits and which points are inside.</summary>
internal sealed class PrimBoxState
{
    private readonly PrimSpace _space;
    private readonly int _targetTotal;

    public int[] Remaining { get; }
    public bool[] InBox { get; }
    public double[] Low { get; }
    public double[] High { get; }
    public bool[][] Allowed { get; }
    public int Points { get; private set; }
    public int TargetPoints { get; private set; }

    public PrimBoxState(PrimSpace space, int[] remaining)
    {
        _space = space;
        _targetTotal = space.Target.Count(t => t);
        Remaining = remaining;
        InBox = new bool[space.N];
        Low = (double[])space.DataLow.Clone();
        High = (double[])space.DataHigh.Clone();
        Allowed = space.Values.Select(v => Enumerable.Repeat(true, v.Length).ToArray()).ToArray();
        Refresh();
    }

    /// <summary>The in-box values of a continuous dimension, ascending, and how many target points precede each.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (double[] Values, int[] TargetsBefore) SortedInBox(int j)
    {
        var values = new double[Points];
        var before = new int[Points + 1];
        var k = 0;
        foreach (var i in _space.Order[j])
        {
            if (!InBox[i]) continue;
            values[k] = _space.X[i][j];
            before[k + 1] = before[k] + (_space.Target[i] ? 1 : 0);
            k++;
        }
        return (values, before);
    }

    /// <summary>The box keeping values at or above <paramref name="limit"/>.</summary>
    public PrimMove WithLow(int j, double limit, (double[] Values, int[] TargetsBefore) sorted)
    {
        var k = FirstIndex(sorted.Values, v => v >= limit);
        return new PrimMove(j, PrimMoveKind.Low, limit, -1, Points - k, TargetPoints - sorted.TargetsBefore[k]);
    }

    /// <summary>The box keeping values at or below <paramref name="limit"/>.</summary>
    public PrimMove WithHigh(int j, double limit, (double[] Values, int[] TargetsBefore) sorted)
    {
        var k = FirstIndex(sorted.Values, v => v > limit);
        return new PrimMove(j, PrimMoveKind.High, limit, -1, k, sorted.TargetsBefore[k]);
    }

    private static int FirstIndex(double[] ascending, Func<double, bool> from)
    {
        int lo = 0, hi = ascending.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (from(ascending[mid])) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /// <summary>The boxes that each drop one allowed value of a categorical dimension.</summary>
    public IEnumerable<PrimMove> WithoutEachValue(int j)
    {
        var points = new int[_space.Values[j].Length];
        var targets = new int[points.Length];
        foreach (var i in Remaining)
        {
            if (!InBox[i]) continue;
            points[_space.ValueIndex[j][i]]++;
            if (_space.Target[i]) targets[_space.ValueIndex[j][i]]++;
        }
        for (var v = 0; v < points.Length; v++)
            if (Allowed[j][v])
                yield return new PrimMove(j, PrimMoveKind.RemoveValue, double.NaN, v, Points - points[v], TargetPoints - targets[v]);
    }

    public bool IsRestricted(int j) => _space.Categorical[j] ? Allowed[j].Any(a => !a)
        : Low[j] > _space.DataLow[j] || High[j] < _space.DataHigh[j];

    public int RestrictedCountAfter(PrimMove move)
    {
        var count = 0;
        for (var j = 0; j < _space.D; j++)
        {
            if (j != move.Dimension) { count += IsRestricted(j) ? 1 : 0; continue; }
            var restricted = move.Kind switch
            {
                PrimMoveKind.Low => move.Limit > _space.DataLow[j] || High[j] < _space.DataHigh[j],
                PrimMoveKind.High => Low[j] > _space.DataLow[j] || move.Limit < _space.DataHigh[j],
                PrimMoveKind.RemoveValue => true,
                _ => Allowed[j].Count(a => !a) > 1,
            };
            count += restricted ? 1 : 0;
        }
        return count;
    }

    public void Apply(PrimMove move)
    {
        var j = move.Dimension;
        switch (move.Kind)
        {
            case PrimMoveKind.Low: Low[j] = move.Limit; break;
            case PrimMoveKind.High: High[j] = move.Limit; break;
            case PrimMoveKind.RemoveValue: Allowed[j][move.ValueIndex] = false; break;
            case PrimMoveKind.AddValue: Allowed[j][move.ValueIndex] = true; break;
        }
        Refresh();
    }

    /// <summary>Which remaining points violate the box, and how: -1 none, -2 several, else dimension*2 (+1 above).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Violation(int i)
    {
        var found = -1;
        for (var j = 0; j < _space.D; j++)
        {
            var v = _space.X[i][j];
            int side;
            if (_space.Categorical[j]) side = Allowed[j][_space.ValueIndex[j][i]] ? -1 : 2 * j;
            else side = v < Low[j] ? 2 * j : v > High[j] ? 2 * j + 1 : -1;
            if (side < 0) continue;
            if (found >= 0) return -2;
            found = side;
        }
        return found;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Refresh()
    {
        Points = TargetPoints = 0;
        foreach (var i in Remaining)
        {
            InBox[i] = Violation(i) == -1;
            if (!InBox[i]) continue;
            Points++;
            if (_space.Target[i]) TargetPoints++;
        }
    }

    public PrimStep Snapshot(int step, PrimPhase phase)
    {
        var kept = Enumerable.Range(0, _space.D).Select(j => _space.Categorical[j]
            ? (IReadOnlyList<double>?)_space.Values[j].Where((_, v) => Allowed[j][v]).ToArray()
            : null).ToArray();
        var low = Enumerable.Range(0, _space.D).Select(j => kept[j] is { } k ? k.Min() : Low[j]).ToArray();
        var high = Enumerable.Range(0, _space.D).Select(j => kept[j] is { } k ? k.Max() : High[j]).ToArray();
        var (qpLow, qpHigh) = PrimQuasiP.Compute(_space, this);
        return new PrimStep(step, phase, low, high, kept, Points, TargetPoints, (double)TargetPoints / _targetTotal,
            (double)TargetPoints / Points, (double)Points / _space.N, qpLow, qpHigh);
    }
}
