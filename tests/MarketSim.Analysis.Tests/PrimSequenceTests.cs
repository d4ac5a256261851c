namespace MarketSim.Analysis.Tests;

public class PrimSequenceTests
{
    private static double[][] Uniform(int n, int d, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, d).Select(_ => random.NextDouble()).ToArray()).ToArray();
    }

    private static bool[] Noisy(double[][] x, Func<double[], bool> inside, double noise, int seed)
    {
        var random = new Random(seed);
        return x.Select(p => inside(p) ^ (random.NextDouble() < noise)).ToArray();
    }

    [Fact]
    public void Pasting_enlarges_a_box_that_peeling_cut_too_far()
    {
        // A box in x0 and x1 under 15% label noise: greedy peeling, chasing noise, cuts into the box; pasting then
        // gives back strips denser than the box.
        var x = Uniform(3000, 3, seed: 4);
        var target = Noisy(x, p => p[0] is >= 0.3 and <= 0.8 && p[1] >= 0.2, 0.15, seed: 5);
        var box = Prim.Find(x, target, null, new PrimOptions())[0];
        var peeled = box.Steps.Last(s => s.Phase == PrimPhase.Peel);
        var pasted = box.Steps[^1];

        Assert.Equal(PrimPhase.Paste, pasted.Phase);
        Assert.True(pasted.Points > peeled.Points);
        Assert.True(pasted.Density > peeled.Density);
        Assert.True(pasted.Coverage > peeled.Coverage);
        for (var j = 0; j < 3; j++) // the pasted box contains the peeled one, and reaches beyond it somewhere
        {
            Assert.True(pasted.Low[j] <= peeled.Low[j]);
            Assert.True(pasted.High[j] >= peeled.High[j]);
        }
        Assert.Contains(Enumerable.Range(0, 3), j => pasted.Low[j] < peeled.Low[j] || pasted.High[j] > peeled.High[j]);
        Assert.True(box.Steps.SkipWhile(s => s.Phase != PrimPhase.Paste).All(s => s.Phase == PrimPhase.Paste));
    }

    [Fact]
    public void Quasi_p_values_are_small_for_a_real_restriction_and_large_for_noise()
    {
        // The target depends on x0 only. The original objective peels on until the minimum mass, so the final box
        // also restricts the two irrelevant dimensions.
        var x = Uniform(4000, 3, seed: 8);
        var target = Noisy(x, p => p[0] > 0.6, 0.1, seed: 9);
        var box = Prim.Find(x, target, null, new PrimOptions { Objective = PrimObjective.Original })[0];
        var last = box.Steps[^1];
        Assert.True(box.IsRestricted(last, 0));
        Assert.InRange(last.Low[0], 0.6, 0.7);
        Assert.True(last.QpLow[0] < 1e-10, $"x0: {last.QpLow[0]}");
        // every other limit (x0's upper one, and any on x1 and x2) only trims noise
        var noise = new[] { last.QpHigh[0] }.Concat(Enumerable.Range(1, 2).SelectMany(j => new[] { last.QpLow[j], last.QpHigh[j] }))
            .Where(double.IsFinite).ToArray();
        Assert.True(noise.Length >= 3);
        Assert.All(noise, qp => Assert.True(qp > 0.05, $"noise restriction with quasi-p {qp}"));
    }

    [Fact]
    public void Binomial_upper_tail_matches_exact_values()
    {
        Assert.Equal(56.0 / 1024, PrimQuasiP.UpperTail(8, 10, 0.5), 12); // C(10,8)+C(10,9)+C(10,10) = 56
        Assert.Equal(1, PrimQuasiP.UpperTail(0, 10, 0.3));
        Assert.Equal(1, PrimQuasiP.UpperTail(20, 20, 0.1) / Math.Pow(0.1, 20), 10); // 1e-20, far in the tail, still exact
    }

    [Theory]
    [InlineData(PrimObjective.Lenient1, 0.1 / 150)] // density gained per point removed
    [InlineData(PrimObjective.Lenient2, 850 * 0.1 / 150)] // the same, times the points kept
    [InlineData(PrimObjective.Original, 0.6)] // the new density
    public void Objectives_score_a_peel_as_the_EMA_Workbench_does(PrimObjective objective, double expected)
    {
        // 1000 points with 500 targets, peeled to 850 points with 510 targets: density 0.5 -> 0.6.
        Assert.Equal(expected, Prim.Objective(objective, 1000, 500, 850, 510), 12);
        if (objective != PrimObjective.Original) Assert.Equal(0, Prim.Objective(objective, 1000, 500, 800, 400));
    }

    [Fact]
    public void A_second_box_is_found_on_the_points_the_first_box_left()
    {
        // Two separate boxes: x0, x1 > 0.6 (16% of points) and x0 < 0.2 with x2 < 0.3 (6%, 5% after the overlap).
        var x = Uniform(4000, 3, seed: 2);
        var target = x.Select(p => (p[0] > 0.6 && p[1] > 0.6) || (p[0] < 0.2 && p[2] < 0.3)).ToArray();
        var boxes = Prim.Find(x, target, null, new PrimOptions { MaxBoxes = 3 });
        var (first, second) = (boxes[0].Steps[boxes[0].Selected], boxes[1].Steps[boxes[1].Selected]);
        Assert.Equal(2, boxes[1].Box);
        Assert.Equal(1, first.Density);
        Assert.Equal(1, second.Density);
        Assert.InRange(first.Low[0], 0.58, 0.62);
        Assert.InRange(second.High[0], 0.17, 0.21);
        Assert.InRange(second.High[2], 0.25, 0.31);
        Assert.False(boxes[1].IsRestricted(second, 1));
        // coverage counts against all target points; the few left after two boxes are not worth a third
        Assert.InRange(first.Coverage + second.Coverage, 0.95, 1.0);
        Assert.Equal(2, boxes.Count);
    }

    [Fact]
    public void A_categorical_dimension_loses_a_value_from_the_middle()
    {
        var random = new Random(6);
        var x = Enumerable.Range(0, 3000).Select(_ => new[] { random.NextDouble(), random.Next(3) }).ToArray();
        var target = x.Select(p => p[1] != 1 && p[0] > 0.2).ToArray();
        var box = Prim.Find(x, target, [false, true], new PrimOptions())[0];
        var selected = box.Steps[box.Selected];
        Assert.Equal([0.0, 2.0], selected.Kept[1]);
        Assert.True(box.IsRestricted(selected, 1)); // although its lowest and highest codes are the data's
        Assert.True(selected.QpLow[1] < 1e-10);
        Assert.True(double.IsNaN(selected.QpHigh[1]));
    }

    [Fact]
    public void The_first_box_can_be_taken_at_a_chosen_step()
    {
        var x = Uniform(2000, 2, seed: 1);
        var target = x.Select(p => p[0] > 0.5).ToArray();
        var boxes = Prim.Find(x, target, null, new PrimOptions(), firstBoxStep: 2);
        Assert.Equal(2, boxes[0].Selected);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Prim.Find(x, target, null, new PrimOptions(), firstBoxStep: 500));
        Assert.Contains("step 500 is not on the trajectory; allowed 0 to", error.Message);
    }
}
