namespace MarketSim.Analysis.Tests;

public class PrimTests
{
    private static double[][] Points(int n, int seed)
    {
        var random = new Random(seed);
        // Two continuous dimensions, one irrelevant one, and a boolean coded 0/1.
        return Enumerable.Range(0, n)
            .Select(_ => new[] { random.NextDouble(), random.NextDouble(), random.NextDouble(), random.Next(2) })
            .ToArray();
    }

    private static bool InPlantedBox(double[] p) => p[0] is >= 0.2 and <= 0.6 && p[1] >= 0.5 && p[3] == 1;

    [Fact]
    public void Recovers_a_planted_box_including_a_boolean_restriction()
    {
        var x = Points(4000, seed: 21);
        var target = x.Select(InPlantedBox).ToArray();
        var result = Prim.Peel(x, target);
        var box = result.Steps[result.Selected];

        Assert.True(box.Density > 0.95, $"density {box.Density}");
        Assert.True(box.Coverage >= 0.5, $"coverage {box.Coverage}");
        Assert.InRange(box.Low[0], 0.15, 0.25);
        Assert.InRange(box.High[0], 0.55, 0.65);
        Assert.InRange(box.Low[1], 0.45, 0.55);
        Assert.InRange(box.Low[3], 0.5, 1); // the boolean's limit lies between false (0) and true (1): only true is in
        Assert.False(result.IsRestricted(box, 2), "the irrelevant dimension must stay free");
    }

    [Fact]
    public void Trajectory_starts_unrestricted_and_respects_the_minimum_mass()
    {
        var x = Points(2000, seed: 3);
        var random = new Random(8);
        // 10% label noise keeps density below 1, so peeling runs until the mass limit.
        var target = x.Select(p => InPlantedBox(p) ^ (random.NextDouble() < 0.1)).ToArray();
        var result = Prim.Peel(x, target);

        var first = result.Steps[0];
        Assert.Equal(1, first.Mass);
        Assert.Equal(1, first.Coverage);
        Assert.All(Enumerable.Range(0, 4), j => Assert.False(result.IsRestricted(first, j)));
        Assert.All(result.Steps, s => Assert.True(s.Mass >= 0.05));
        Assert.True(result.Steps.Count > 10);
        var eligible = result.Steps.Where(s => s.Coverage >= 0.5).ToList();
        Assert.Equal(eligible.Max(s => s.Density), result.Steps[result.Selected].Density);
        Assert.True(result.Steps[result.Selected].Density > first.Density + 0.3);
    }

    [Fact]
    public void No_target_points_is_an_error() =>
        Assert.Throws<ArgumentException>(() => Prim.Peel(Points(10, 1), new bool[10]));
}
