using System.Globalization;
using MarketSim.Core.Agents;
using MarketSim.Core.Policies;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Kernel;

public sealed partial class World
{
    /// <summary>Opening fleets, shells under way, and the labs' existing contracts with their remaining terms.</summary>
    private void OpenState()
    {
        foreach (var cloud in Clouds)
        {
            cloud.SeedFleet();
            cloud.SeedPipeline();
        }
        foreach (var lab in Labs)
        {
            if (lab.Options.HomeCloud.Length > 0)
                lab.HomeCloud = CloudNamed(lab.Options.HomeCloud)
                    ?? throw new ScenarioException($"Labs:{lab.Name}:HomeCloud: '{lab.Options.HomeCloud}' is not a cloud in the scenario");
            var terms = new[] { 24, 36, 48, 60 };
            var k = 0;
            foreach (var (cloud, share) in ParseProviders(lab))
            {
                var request = new ContractRequest(cloud, lab.Options.ComputeH100e * share, -ComputeContract.RampMonths, terms[k++ % terms.Length] + ComputeContract.RampMonths);
                var price = Math.Max(ContractQuote(cloud), Market.GpuHourPrice * 0.8);
                SignContract(lab, request, "OpeningContract", price);
            }
        }
        foreach (var cloud in Clouds)
            cloud.UpdateSpotAverage(3 * Math.Max(0, cloud.InstalledH100e * 0.85 - cloud.ContractedH100eAt(0)));
        foreach (var lab in Labs) lab.SetPrices();
        Market.TokenPrice = AverageTokenPrice();
    }

    private IEnumerable<(Cloud Cloud, double Share)> ParseProviders(Lab lab)
    {
        var text = lab.Options.OpeningProviders;
        if (text.Length == 0) yield break;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split(':');
            var cloud = pieces.Length == 2 ? CloudNamed(pieces[0]) : null;
            if (cloud is null || !double.TryParse(pieces[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var share) || share is < 0 or > 1)
                throw new ScenarioException($"Labs:{lab.Name}:OpeningProviders: '{part}' is not Cloud:share with a known cloud and a share from 0 to 1");
            yield return (cloud, share);
        }
    }

    /// <summary>Token price across labs weighted by tokens served (by demand before anything is served).</summary>
    internal double AverageTokenPrice()
    {
        double weight = 0, value = 0;
        foreach (var lab in Labs)
        {
            if (lab.IsDefaulted) continue;
            var w = Math.Max(lab.TokensServed, 1e-9) * Math.Max(lab.Options.Brand, 1e-9);
            weight += w;
            value += w * lab.TokenPrice;
        }
        return weight > 0 ? value / weight : 0;
    }
}
