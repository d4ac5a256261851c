using MarketSim.Core.Accounting;
using MarketSim.Core.Agents;

namespace MarketSim.Core.Kernel;

public sealed partial class World
{
    /// <summary>
    /// Serves contracts first (a cloud short of capacity delivers pro rata and bills what it delivers), then sells
    /// free capacity at the spot price to labs short of inference compute and to end users renting directly, pro rata
    /// when short. Labs earn their revenue, then pay. The spot price moves with utilization. Returns end-user AI revenue.
    /// </summary>
    private double ClearComputeMarket(double directSpendUsdBn)
    {
        var step = Clock.Step;
        var price = Market.GpuHourPrice;
        var n = Clouds.Count;
        Span<double> deliverRatio = stackalloc double[n];
        Span<double> free = stackalloc double[n];
        double openFree = 0;
        for (var i = 0; i < n; i++)
        {
            var c = Clouds[i];
            var contracted = c.ContractedH100eAt(step);
            deliverRatio[i] = contracted > 0 ? Math.Min(1, c.InstalledH100e / contracted) : 1;
            free[i] = Math.Max(0, c.InstalledH100e - contracted * deliverRatio[i]);
            if (!c.IsCaptive && !c.IsDefaulted) openFree += free[i];
        }

        Span<double> delivered = stackalloc double[Labs.Count];
        Span<double> spotNeed = stackalloc double[Labs.Count];
        double openRequests = directSpendUsdBn * 1e9 / (price * Clock.HoursPerMonth);
        var directRequest = openRequests;
        for (var j = 0; j < Labs.Count; j++)
        {
            var lab = Labs[j];
            if (lab.IsDefaulted) continue;
            foreach (var contract in lab.Contracts) delivered[j] += contract.VolumeAt(step) * deliverRatio[contract.Cloud.Index];
            // A lab rents spot compute only while a rented hour earns more in tokens than it costs.
            var revenuePerHour = lab.TokenPrice * Trends.TokensPerH100eHour / 1e6;
            spotNeed[j] = revenuePerHour >= price ? Math.Max(0, lab.InferenceNeedH100e - delivered[j]) : 0;
            if (lab.HomeCloud is not { IsCaptive: true }) openRequests += spotNeed[j];
        }
        var fill = openRequests > 0 ? Math.Min(1, openFree / openRequests) : 0;

        double endUser = 0;
        for (var j = 0; j < Labs.Count; j++)
        {
            var lab = Labs[j];
            if (lab.IsDefaulted) continue;
            var captive = lab.HomeCloud is { IsCaptive: true } home ? home : null;
            var spot = captive is not null ? Math.Min(spotNeed[j], free[captive.Index]) : spotNeed[j] * fill;
            if (captive is not null) free[captive.Index] -= spot;
            lab.UseCompute(delivered[j] + spot);
            endUser += lab.Revenue;
            foreach (var contract in lab.Contracts)
            {
                var volume = contract.VolumeAt(step) * deliverRatio[contract.Cloud.Index];
                if (volume <= 0) continue;
                var paid = lab.PayCloud(contract.Cloud, volume * contract.PricePerH100eHour * Clock.HoursPerMonth / 1e9);
                contract.Cloud.BookAiSale(paid, volume, direct: false);
            }
            if (spot <= 0) continue;
            if (captive is not null) captive.BookAiSale(lab.PayCloud(captive, spot * price * Clock.HoursPerMonth / 1e9), spot, direct: false);
            else SellSpot(spot, openFree, free, lab);
        }

        var directServed = directRequest * fill;
        SellSpot(directServed, openFree, free, buyer: null);
        endUser += directServed * price * Clock.HoursPerMonth / 1e9;

        double used = 0, installed = 0;
        for (var i = 0; i < n; i++)
        {
            var c = Clouds[i];
            if (c.IsCaptive || c.IsDefaulted) continue;
            // Clouds see what was asked of them, served or not, so unmet demand shows up in their forecasts.
            c.UpdateSpotAverage(openFree > 0 ? openRequests * free[i] / openFree : openRequests / Math.Max(1, Clouds.Count));
            used += c.UsedH100e;
            installed += c.InstalledH100e;
        }
        // The spot price moves a sixth of the way each month towards the cost of new capacity times a scarcity
        // factor: below cost when capacity is idle, up to about 2.6x cost when requests far exceed free capacity.
        Market.Tightness = (installed > 0 ? used / installed : 1) + (openRequests > 0 ? 1 - fill : 0);
        var target = FullCostPerH100eHour(Scenario.Finance.RiskFreeRate + 0.02 + Scenario.Finance.InvestmentGradeSpread)
            * (0.8 + 1.2 * Math.Clamp(Market.Tightness - 0.6, 0, 1.5));
        var floor = 2 * Trends.PowerCostPerH100eHour(Trends.KwPerH100e);
        Market.GpuHourPrice = Math.Max(floor, price + (target - price) / 6);
        return endUser;
    }

    /// <summary>Sells spot hours pro rata over the open clouds' free capacity, to a lab or (buyer null) to end users.</summary>
    private void SellSpot(double h100e, double openFree, Span<double> free, Lab? buyer)
    {
        if (h100e <= 0 || openFree <= 0) return;
        for (var i = 0; i < Clouds.Count; i++)
        {
            var c = Clouds[i];
            if (c.IsCaptive || c.IsDefaulted || free[i] <= 0) continue;
            var h = h100e * free[i] / openFree;
            var usd = h * Market.GpuHourPrice * Clock.HoursPerMonth / 1e9;
            if (buyer is not null) c.BookAiSale(buyer.PayCloud(c, usd), h, direct: false);
            else
            {
                Ledger.Pay(External(ExternalAccount.EndUsers), c.Account, usd);
                c.BookAiSale(usd, h, direct: true);
            }
        }
    }
}
