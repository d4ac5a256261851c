using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using System.Runtime.Intrinsics.X86;
using MathNet.Numerics.Random;

namespace MarketSim.Tests.Kernel;

/// <summary>The demand population's shortcuts against the straightforward computations they replace, bit for bit.</summary>
public class DemandShortcutTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(12_000)]
    public void A_block_of_uniforms_is_the_same_draws_as_one_NextDouble_at_a_time(int count)
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var (block, single) = (RandomStreams.Create(seed, RandomStreams.Demand), RandomStreams.Create(seed, RandomStreams.Demand));
            var drawn = new double[count];
            block.NextDoubles(drawn);
            var oneByOne = Enumerable.Range(0, count).Select(_ => single.NextDouble()).ToArray();
            Assert.Equal(oneByOne.Select(BitConverter.DoubleToInt64Bits), drawn.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(single.NextDouble(), block.NextDouble());
        }
    }

    [Fact]
    public void Rescaling_budgets_by_a_factor_per_segment_gives_the_bits_of_the_expression_per_buyer()
    {
        var rng = new Random(5);
        for (var trial = 0; trial < 50; trial++)
        {
            var n = rng.Next(1, 3000);
            var budget = Enumerable.Range(0, n).Select(_ => Math.Exp(rng.NextDouble() * 4 - 2)).ToArray();
            var segment = Enumerable.Range(0, n).Select(_ => (byte)rng.Next(3)).ToArray();
            double[] shares = [rng.NextDouble(), rng.NextDouble(), rng.NextDouble()];
            var addressable = 100 + rng.NextDouble() * 900;
            var drawnTotals = new double[3];
            for (var i = 0; i < n; i++) drawnTotals[segment[i]] += budget[i];

            // As the population once did it: the whole expression per buyer, then a pass of its own for the totals.
            var expected = (double[])budget.Clone();
            for (var i = 0; i < n; i++) expected[i] *= addressable * shares[segment[i]] / drawnTotals[segment[i]];
            var expectedTotals = new double[3];
            for (var i = 0; i < n; i++) expectedTotals[segment[i]] += expected[i];

            var totals = (double[])drawnTotals.Clone();
            DemandPopulation.RescaleBudgets(budget, segment, totals, addressable, shares);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), budget.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(expectedTotals.Select(BitConverter.DoubleToInt64Bits), totals.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void Segments_picked_from_running_totals_worked_out_once_match_the_totals_added_up_per_buyer()
    {
        var rng = new Random(11);
        for (var trial = 0; trial < 50; trial++)
        {
            var n = rng.Next(1, 3000);
            // Shares that need not sum to one, so that some uniforms fall past the last total.
            double[] shares = [rng.NextDouble() * 0.6, rng.NextDouble() * 0.3, rng.NextDouble() * 0.3];
            // Every fifth trial a running total that falls, which the count without a branch would get wrong.
            if (trial % 5 == 4) shares[1] = -shares[1];
            double[] segmentThresholds = [rng.NextDouble(), rng.NextDouble(), rng.NextDouble()];
            var opening = rng.NextDouble() * 2;
            var uniforms = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
            uniforms[0] = shares[0]; // on a bound: the next segment
            var thresholds = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
            var budget = Enumerable.Range(0, n).Select(_ => Math.Exp(rng.NextDouble())).ToArray();

            // As the population once did it: the running total per buyer, the offset added up per buyer.
            var (expectedThresholds, expectedSegments, expectedTotals) = ((double[])thresholds.Clone(), new byte[n], new double[3]);
            for (var i = 0; i < n; i++)
            {
                double c = 0;
                var seg = 2;
                for (var s = 0; s < 3; s++)
                    if (uniforms[i] < (c += shares[s])) { seg = s; break; }
                expectedSegments[i] = (byte)seg;
                expectedThresholds[i] += opening + segmentThresholds[seg];
                expectedTotals[seg] += budget[i];
            }

            var (segments, totals) = (new byte[n], new double[3]);
            double[] offsets = [opening + segmentThresholds[0], opening + segmentThresholds[1], opening + segmentThresholds[2]];
            DemandPopulation.AssignSegments(uniforms, shares, offsets, thresholds, budget, segments, totals);
            Assert.Equal(expectedSegments, segments);
            Assert.Equal(expectedThresholds.Select(BitConverter.DoubleToInt64Bits), thresholds.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(expectedTotals.Select(BitConverter.DoubleToInt64Bits), totals.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void Opening_adopters_tested_all_at_once_are_those_tested_one_condition_at_a_time()
    {
        var rng = new Random(17);
        for (var trial = 0; trial < 50; trial++)
        {
            var n = rng.Next(1, 3000);
            var order = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).ToArray();
            var threshold = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
            var value = Enumerable.Range(0, n).Select(_ => Math.Exp(rng.NextDouble() * 2 - 1)).ToArray();
            var budget = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
            var segment = Enumerable.Range(0, n).Select(_ => (byte)rng.Next(3)).ToArray();
            var (capability, limit) = (rng.NextDouble() - 0.5, rng.NextDouble() * n * 0.3);
            // Every other trial a limit the first eligible buyer's budget meets exactly: it is still taken.
            var first = order.FirstOrDefault(i => threshold[i] <= capability && value[i] >= 1, -1);
            if (trial % 2 == 1 && first >= 0) limit = budget[first];

            // As the population once did it: eligibility first, the budget only for the eligible.
            var (expectedBudget, expectedAdopter) = (new double[3], new bool[n]);
            double adopted = 0;
            foreach (var i in order)
            {
                var eligible = threshold[i] <= capability && value[i] >= 1;
                if (eligible && adopted + budget[i] <= limit)
                {
                    adopted += budget[i];
                    expectedBudget[segment[i]] += budget[i];
                    expectedAdopter[i] = true;
                }
            }

            var (adoptedBudget, adopter) = (new double[3], new bool[n]);
            DemandPopulation.SelectOpeningAdopters(order, threshold, value, budget, segment, capability, limit, adoptedBudget, adopter);
            Assert.Contains(true, adopter);
            Assert.Equal(expectedAdopter, adopter);
            Assert.Equal(expectedBudget.Select(BitConverter.DoubleToInt64Bits), adoptedBudget.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    public static TheoryData<double, int> HazardsAndBlocks()
    {
        var data = new TheoryData<double, int>();
        // A negative hazard (a log of staying above zero) makes countdowns below zero: every eligible buyer adopts.
        foreach (var hazard in new[] { 0.0005, 0.02, 0.3, 1.0, 0.0, -0.1 })
            foreach (var block in new[] { 1, 4, 32 })
                data.Add(hazard, block);
        return data;
    }

    [Theory]
    [MemberData(nameof(HazardsAndBlocks))]
    public void The_block_scan_adopts_the_buyers_a_scan_one_buyer_at_a_time_adopts(double hazard, int block)
    {
        var logStay = Math.Log(1 - hazard);
        for (var seed = 0; seed < 20; seed++)
        {
            var data = new Random(seed);
            var n = data.Next(0, 5000);
            var buyers = new WaitingBuyers(n);
            var reference = new List<(double Threshold, double Value, double Budget)>();
            for (var i = 0; i < n; i++)
            {
                var buyer = (data.NextDouble() * 3, Math.Exp(data.NextDouble() * 2 - 1), data.NextDouble());
                buyers.Add(buyer.Item1, buyer.Item2, buyer.Item3);
                reference.Add(buyer);
            }
            var (rng, referenceRng) = (RandomStreams.Create(seed, RandomStreams.Demand), RandomStreams.Create(seed, RandomStreams.Demand));
            double adopted = 0, referenceAdopted = 0;
            for (var month = 0; month < 40; month++)
            {
                var (frontier, needed) = (month * 0.08, 2.5 - month * 0.05);
                buyers.Adopt(frontier, needed, logStay, rng, ref adopted, block);
                ScanOneByOne(reference, frontier, needed, logStay, referenceRng, ref referenceAdopted);
                Assert.Equal(reference.Count, buyers.Count);
                Assert.Equal(BitConverter.DoubleToInt64Bits(referenceAdopted), BitConverter.DoubleToInt64Bits(adopted));
            }
            // Whoever is left, in the same places: everyone adopts, their budgets summed in scan order.
            buyers.Adopt(double.PositiveInfinity, double.NegativeInfinity, double.NegativeInfinity, rng, ref adopted, block);
            ScanOneByOne(reference, double.PositiveInfinity, double.NegativeInfinity, double.NegativeInfinity, referenceRng, ref referenceAdopted);
            Assert.Equal(BitConverter.DoubleToInt64Bits(referenceAdopted), BitConverter.DoubleToInt64Bits(adopted));
            Assert.Equal(referenceRng.NextDouble(), rng.NextDouble());
        }
    }

    [Fact]
    public void The_adopter_lane_is_the_highest_eligible_lane_left_once_the_skipped_ones_have_passed()
    {
        var rng = new Random(3);
        for (var trial = 0; trial < 5_000; trial++)
        {
            // Dense and sparse blocks alike: a random mask, thinned by another for half the trials.
            var eligible = (uint)rng.NextInt64(1, 1L << 32);
            if (trial % 2 == 1) eligible &= (uint)rng.NextInt64(0, 1L << 32) | (1u << rng.Next(32));
            if (eligible == 0) continue;
            var lanesFromTheTop = Enumerable.Range(0, 32).Reverse().Where(lane => (eligible >> lane & 1) == 1).ToArray();
            for (var skip = 0; skip < lanesFromTheTop.Length; skip++)
            {
                var expected = lanesFromTheTop[skip];
                Assert.Equal(expected, WaitingBuyers.AdopterLaneByPassing(eligible, skip));
                Assert.Equal(expected, WaitingBuyers.AdopterLane(eligible, lanesFromTheTop.Length, skip));
                if (Bmi2.IsSupported) Assert.Equal(expected, WaitingBuyers.AdopterLaneByDeposit(eligible, lanesFromTheTop.Length, skip));
            }
        }
    }

    /// <summary>The scan written plainly: last buyer first, a countdown of eligible buyers to the next adopter.</summary>
    private static void ScanOneByOne(List<(double Threshold, double Value, double Budget)> buyers, double frontier, double needed,
        double logStay, Random rng, ref double adopted)
    {
        var skip = Skip(rng, logStay);
        for (var k = buyers.Count - 1; k >= 0; k--)
        {
            if (frontier < buyers[k].Threshold || buyers[k].Value < needed) continue;
            if (skip-- > 0) continue;
            skip = Skip(rng, logStay);
            adopted += buyers[k].Budget;
            buyers[k] = buyers[^1];
            buyers.RemoveAt(buyers.Count - 1);
        }
    }

    private static long Skip(Random rng, double logStay)
    {
        if (logStay == 0) return long.MaxValue;
        if (double.IsNegativeInfinity(logStay)) return 0;
        var skip = Math.Floor(Math.Log(1 - rng.NextDouble()) / logStay);
        return skip >= long.MaxValue ? long.MaxValue : (long)skip;
    }
}
