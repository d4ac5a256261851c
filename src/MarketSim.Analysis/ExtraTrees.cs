using System.Runtime.CompilerServices;

namespace MarketSim.Analysis;

/// <summary>
/// Extra-trees settings with the EMA Workbench's feature-scoring defaults (get_ex_feature_scores, after Jaxa-Rozen
/// and Kwakkel 2018): 100 trees on bootstrap samples, round(D/3) candidate features per split, and leaves of at
/// least max(1, round(sqrt(N/1000))) points. Null means "the default for this data".
/// </summary>
public sealed record ExtraTreesOptions(int Trees = 100, int? MaxFeatures = null, int? MinSamplesLeaf = null, int Seed = 0);

/// <summary>
/// Feature scores from an ensemble of extremely randomised trees (Geurts, Ernst and Wehenkel 2006), as
/// scikit-learn's ExtraTreesClassifier/Regressor compute feature_importances_: each tree grows on a bootstrap sample
/// until its leaves are pure or too small to split; at each node it draws candidate features (more when a drawn one
/// is constant in the node) and for each a threshold uniformly between the node's minimum and maximum, keeps the
/// split that lowers impurity most (Gini for a 0/1 target, variance otherwise), and credits the feature with the
/// weighted impurity decrease. A tree's credits are scaled to sum to 1, the trees' averaged and scaled again.
/// </summary>
public static class ExtraTrees
{
    public static double[] Importances(double[][] x, double[] y, bool classification, ExtraTreesOptions? options = null)
    {
        options ??= new ExtraTreesOptions();
        if (x.Length != y.Length || x.Length < 2) throw new ArgumentException("need at least two points, one output each");
        var d = x[0].Length;
        var maxFeatures = Math.Clamp(options.MaxFeatures ?? (int)Math.Round(d / 3.0, MidpointRounding.ToEven), 1, d);
        var minLeaf = Math.Max(1, options.MinSamplesLeaf ?? (int)Math.Round(Math.Sqrt(x.Length) / Math.Sqrt(1000), MidpointRounding.ToEven));
        var seeds = new Random(options.Seed);
        var treeSeeds = Enumerable.Range(0, options.Trees).Select(_ => seeds.Next()).ToArray();
        // By column, so a split's scans over one feature read one array (the same values as the rows hold).
        var columns = Enumerable.Range(0, d).Select(j => x.Select(row => row[j]).ToArray()).ToArray();
        var perTree = new double[options.Trees][];
        Parallel.For(0, options.Trees, t =>
            perTree[t] = new Tree(columns, y, classification, maxFeatures, minLeaf, new Random(treeSeeds[t])).Importances());
        var grown = perTree.Where(p => p.Sum() > 0).ToArray();
        var mean = Enumerable.Range(0, d).Select(j => grown.Length > 0 ? grown.Average(p => p[j]) : 0).ToArray();
        var total = mean.Sum();
        return mean.Select(v => total > 0 ? v / total : double.NaN).ToArray();
    }

    private sealed class Tree(double[][] columns, double[] y, bool classification, int maxFeatures, int minLeaf, Random random)
    {
        private readonly int _d = columns.Length;
        private readonly double[] _weight = new double[y.Length];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double[] Importances()
        {
            for (var i = 0; i < y.Length; i++) _weight[random.Next(y.Length)]++;
            var samples = Enumerable.Range(0, y.Length).Where(i => _weight[i] > 0).ToArray();
            var credit = new double[_d];
            var root = Stats(samples, 0, samples.Length);
            var nodes = new Stack<(int Start, int End, NodeStats Stats)>();
            nodes.Push((0, samples.Length, root));
            var features = Enumerable.Range(0, _d).ToArray();
            while (nodes.Count > 0)
            {
                var (start, end, node) = nodes.Pop();
                if (end - start < 2 || end - start < 2 * minLeaf || node.Impurity <= 1e-15) continue;
                var best = BestSplit(samples, start, end, node, features);
                if (best is not { } split) continue;
                var middle = Partition(samples, start, end, split.Feature, split.Threshold);
                var (left, right) = (Stats(samples, start, middle), Stats(samples, middle, end));
                credit[split.Feature] += node.Weight * node.Impurity - left.Weight * left.Impurity - right.Weight * right.Impurity;
                nodes.Push((middle, end, right));
                nodes.Push((start, middle, left));
            }
            var sum = credit.Sum();
            return credit.Select(c => sum > 0 ? c / sum : 0).ToArray();
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private (int Feature, double Threshold)? BestSplit(int[] samples, int start, int end, NodeStats node, int[] features)
        {
            (int, double)? best = null;
            var bestDecrease = double.NegativeInfinity;
            var visited = 0;
            // Fisher-Yates over the features, drawing until maxFeatures non-constant ones were tried (or none are left).
            for (var k = 0; k < _d && visited < maxFeatures; k++)
            {
                var pick = k + random.Next(_d - k);
                (features[k], features[pick]) = (features[pick], features[k]);
                var j = features[k];
                var column = columns[j];
                double low = double.PositiveInfinity, high = double.NegativeInfinity;
                for (var s = start; s < end; s++)
                {
                    low = Math.Min(low, column[samples[s]]);
                    high = Math.Max(high, column[samples[s]]);
                }
                if (!(high > low)) continue;
                visited++;
                var threshold = low + random.NextDouble() * (high - low);
                if (threshold >= high) threshold = low;
                var left = new NodeStats();
                var right = new NodeStats();
                var leftCount = 0;
                for (var s = start; s < end; s++)
                {
                    var i = samples[s];
                    if (column[i] <= threshold) { left.Add(y[i], _weight[i]); leftCount++; }
                    else right.Add(y[i], _weight[i]);
                }
                if (leftCount < minLeaf || end - start - leftCount < minLeaf) continue;
                left.Finish(classification);
                right.Finish(classification);
                var decrease = node.Weight * node.Impurity - left.Weight * left.Impurity - right.Weight * right.Impurity;
                if (decrease > bestDecrease)
                {
                    bestDecrease = decrease;
                    best = (j, threshold);
                }
            }
            return best;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int Partition(int[] samples, int start, int end, int feature, double threshold)
        {
            var middle = start;
            for (var s = start; s < end; s++)
            {
                if (columns[feature][samples[s]] > threshold) continue;
                (samples[s], samples[middle]) = (samples[middle], samples[s]);
                middle++;
            }
            return middle;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private NodeStats Stats(int[] samples, int start, int end)
        {
            var stats = new NodeStats();
            for (var s = start; s < end; s++) stats.Add(y[samples[s]], _weight[samples[s]]);
            stats.Finish(classification);
            return stats;
        }
    }

    /// <summary>
    /// Weighted sums of a node's outputs and its impurity: Gini 2p(1-p) of a 0/1 output, or its variance. A value,
    /// as two are made for every candidate split (about a million per forest).
    /// </summary>
    private struct NodeStats
    {
        private double _sum, _squares;

        public double Weight { get; private set; }
        public double Impurity { get; private set; }

        public void Add(double y, double weight)
        {
            Weight += weight;
            _sum += weight * y;
            _squares += weight * y * y;
        }

        public void Finish(bool classification)
        {
            var mean = Weight > 0 ? _sum / Weight : 0;
            Impurity = classification ? 2 * mean * (1 - mean) : Math.Max(0, _squares / Weight - mean * mean);
        }
    }
}
