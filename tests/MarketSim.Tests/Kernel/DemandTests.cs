using MarketSim.Core.Agents;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

public class DemandTests
{
    private static DemandOptions Options(params string[] overrides) => ScenarioLoader.Load(null, overrides).Demand;

    private static DemandPopulation Population(DemandOptions options) => new(options, openingCapability: 1, new Random(7));

    /// <summary>Monthly spending after a year at a constant price index, with time, capability and growth held still.</summary>
    private static double SpendAtPrice(DemandOptions options, double priceIndex)
    {
        var population = Population(options);
        double spend = 0;
        for (var month = 0; month < 12; month++) spend = population.Step(frontierCapability: 1, priceIndex, years: 0);
        return spend;
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.9)]
    [InlineData(2.0)]
    [InlineData(4.0)]
    public void A_thousandfold_fall_in_token_price_alone_moves_spending_only_within_bounded_multiples(double elasticity)
    {
        var options = Options($"Demand:PriceElasticity={elasticity}");
        var opening = SpendAtPrice(options, 1);
        var cheap = SpendAtPrice(options, 1e-3);
        // Below: the opening adopters' spending divided by the cap. Above: the whole addressable pool times the cap.
        var floor = opening / options.SpendingMultipleCap;
        var ceiling = options.SpendingMultipleCap * options.AddressableSpendUsdBn / 12;
        Assert.InRange(cheap, floor, ceiling);
    }

    [Fact]
    public void The_spending_multiple_has_the_scenarios_elasticity_at_the_opening_price_and_saturates_at_the_cap()
    {
        const double cap = 10;
        var slope = Math.Log(DemandPopulation.SpendingMultiple(1.01, 0.4, cap)) / Math.Log(1.01);
        Assert.Equal(1 - 0.4, slope, 3);
        Assert.Equal(1, DemandPopulation.SpendingMultiple(1, 2.5, cap), 12);
        Assert.InRange(DemandPopulation.SpendingMultiple(1e-9, 0.4, cap), 1 / cap, 1.01 / cap);
        Assert.InRange(DemandPopulation.SpendingMultiple(1e-9, 2.5, cap), 0.99 * cap, cap);
    }

    [Fact]
    public void An_agentic_segment_with_rising_tokens_per_task_buys_more_tokens_from_the_same_budget()
    {
        // The same buyers (seed) and budgets; only the agentic segment's tokens-per-task trend differs. Tokens are
        // cheap and getting cheaper; a task costs more tokens each year, so it gets cheaper more slowly, and at the
        // baseline elasticity (below one) spending on tasks holds up better: more spend, more tokens at the same price.
        var flat = Population(Options("Demand:Agentic:TokensPerTaskGrowthPerYear=0"));
        var rising = Population(Options("Demand:Agentic:TokensPerTaskGrowthPerYear=1"));
        double years = 0, priceIndex = 1;
        for (var month = 0; month < 60; month++)
        {
            years = month / 12.0;
            priceIndex = Math.Pow(0.4, years);
            flat.Step(frontierCapability: 3, priceIndex, years);
            rising.Step(frontierCapability: 3, priceIndex, years);
        }
        Assert.True(rising.SpendOf("agentic") > 1.2 * flat.SpendOf("agentic"),
            $"agentic spend {rising.SpendOf("agentic")} with rising tokens per task, {flat.SpendOf("agentic")} flat");
        // Adoption is the same; the difference is the cost of a task: token price x tokens per task (2^years).
        var options = Options();
        var expected = DemandPopulation.SpendingMultiple(priceIndex * Math.Pow(2, years), options.PriceElasticity, options.SpendingMultipleCap)
            / DemandPopulation.SpendingMultiple(priceIndex, options.PriceElasticity, options.SpendingMultipleCap);
        Assert.Equal(expected, rising.SpendOf("agentic") / flat.SpendOf("agentic"), 9);
        Assert.Equal(flat.SpendOf("consumer"), rising.SpendOf("consumer"), 12);
    }
}
