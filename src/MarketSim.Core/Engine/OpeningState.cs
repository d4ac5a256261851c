using System.Globalization;
using MarketSim.Core.Agents;
using MarketSim.Core.Market;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Engine;

/// <summary>The state at the end of the month before the start: fleets, shells under way, existing contracts.</summary>
internal static class OpeningState
{
    /// <summary>Opening fleets, shells under way, and the labs' existing contracts with their remaining terms.</summary>
    public static void Open(World world)
    {
        foreach (var cloud in world.Clouds)
        {
            cloud.SeedFleet();
            cloud.SeedPipeline();
        }
        foreach (var lab in world.Labs)
        {
            if (lab.Options.HomeCloud.Length > 0)
                lab.HomeCloud = world.CloudNamed(lab.Options.HomeCloud)
                    ?? throw new ScenarioException($"Labs:{lab.Name}:HomeCloud: '{lab.Options.HomeCloud}' is not a cloud in the scenario");
            if (lab.Options.ParentFunded && lab.HomeCloud is null)
                throw new ScenarioException($"Labs:{lab.Name}:ParentFunded: a lab its parent funds needs its parent as HomeCloud");
            // Opening contracts have already ramped up; their remaining terms are spread over two to five years, and
            // they were priced at no less than 80% of the opening spot price (assumptions).
            var ramp = world.Scenario.Procurement.RampMonths;
            var terms = new[] { 24, 36, 48, 60 };
            var k = 0;
            foreach (var (cloud, share) in ParseProviders(world, lab))
            {
                var request = new ContractRequest(cloud, lab.Options.ComputeH100e * share, -ramp, terms[k++ % terms.Length] + ramp);
                var price = Math.Max(world.ContractDesk.Quote(cloud), world.Market.GpuHourPrice * 0.8);
                world.ContractDesk.Sign(lab, request, "OpeningContract", price);
            }
        }
        // Clouds open believing the capacity not under contract sells at 85% utilization, as their whole average.
        foreach (var cloud in world.Clouds)
            cloud.UpdateSpotAverage(world.Scenario.Capacity.SpotAverageMonths * Math.Max(0, cloud.InstalledH100e * 0.85 - cloud.ContractedH100eAt(0)));
        foreach (var lab in world.Labs) lab.SetPrices();
        world.Market.TokenPrice = DemandAllocation.AverageTokenPrice(world.Labs);
    }

    private static IEnumerable<(Cloud Cloud, double Share)> ParseProviders(World world, Lab lab)
    {
        var text = lab.Options.OpeningProviders;
        if (text.Length == 0) yield break;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split(':');
            var cloud = pieces.Length == 2 ? world.CloudNamed(pieces[0]) : null;
            if (cloud is null || !double.TryParse(pieces[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var share) || share is < 0 or > 1)
                throw new ScenarioException($"Labs:{lab.Name}:OpeningProviders: '{part}' is not Cloud:share with a known cloud and a share from 0 to 1");
            yield return (cloud, share);
        }
    }
}
