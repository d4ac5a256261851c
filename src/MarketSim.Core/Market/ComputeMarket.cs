using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MarketSim.Core.Rules;

namespace MarketSim.Core.Market;

/// <summary>
/// The month's market for compute, in named steps: clouds serve their contracts first (a cloud short of capacity
/// delivers pro rata and bills what it delivers); free capacity is sold at the spot price to labs short of inference
/// compute and to end users renting directly, pro rata when short; labs earn their revenue, then pay; clouds hear
/// what was asked of them; the spot price rule moves the price.
/// </summary>
internal sealed class ComputeMarket
{
    private readonly World _world;
    private readonly double[] _deliverRatio, _free;      // per cloud
    private readonly double[] _delivered, _spotNeed;     // per lab
    private double _openFree, _openRequests, _fill;

    public ComputeMarket(World world)
    {
        _world = world;
        _deliverRatio = new double[world.Clouds.Count];
        _free = new double[world.Clouds.Count];
        _delivered = new double[world.Labs.Count];
        _spotNeed = new double[world.Labs.Count];
    }

    /// <summary>Clears this month's market; returns what end users paid for AI (labs' revenue and direct rentals).</summary>
    public double Clear(double directSpendUsdBn)
    {
        var step = _world.Clock.Step;
        var price = _world.Market.GpuHourPrice;
        MeasureFreeCapacity(step);
        var directRequest = directSpendUsdBn * 1e9 / (price * Clock.HoursPerMonth);
        _openRequests = directRequest;
        GatherLabRequests(step, price);
        _fill = _openRequests > 0 ? Math.Min(1, _openFree / _openRequests) : 0;

        double endUser = 0;
        var labs = _world.Labs;
        for (var j = 0; j < labs.Count; j++)
            if (!labs[j].IsDefaulted) endUser += ServeLab(j, step, price);
        var directServed = directRequest * _fill;
        SellSpot(directServed, buyer: null);
        endUser += directServed * price * Clock.HoursPerMonth / 1e9;

        ReportRequestsToClouds();
        UpdateSpotPrice(price);
        return endUser;
    }

    /// <summary>What each cloud owes its contracts this month and what it has left over.</summary>
    private void MeasureFreeCapacity(int step)
    {
        _openFree = 0;
        var clouds = _world.Clouds;
        for (var i = 0; i < clouds.Count; i++)
        {
            var c = clouds[i];
            var contracted = c.ContractedH100eAt(step);
            _deliverRatio[i] = contracted > 0 ? Math.Min(1, c.InstalledH100e / contracted) : 1;
            _free[i] = Math.Max(0, c.InstalledH100e - contracted * _deliverRatio[i]);
            if (!c.IsCaptive && !c.IsDefaulted) _openFree += _free[i];
        }
    }

    /// <summary>Each lab's contracted deliveries, and the spot compute it asks for beyond them.</summary>
    private void GatherLabRequests(int step, double price)
    {
        Array.Clear(_delivered);
        Array.Clear(_spotNeed);
        var labs = _world.Labs;
        for (var j = 0; j < labs.Count; j++)
        {
            var lab = labs[j];
            if (lab.IsDefaulted) continue;
            foreach (var contract in lab.Contracts) _delivered[j] += contract.VolumeAt(step) * _deliverRatio[contract.Cloud.Index];
            // A lab rents spot compute only while a rented hour earns more in tokens than it costs.
            var revenuePerHour = lab.TokenPrice * _world.Trends.TokensPerH100eHour / 1e6;
            _spotNeed[j] = revenuePerHour >= price ? Math.Max(0, lab.InferenceNeedH100e - _delivered[j]) : 0;
            if (lab.HomeCloud is not { IsCaptive: true }) _openRequests += _spotNeed[j];
        }
    }

    /// <summary>One lab serves its users with what it gets, then pays its contracts and its spot hours.</summary>
    private double ServeLab(int j, int step, double price)
    {
        var lab = _world.Labs[j];
        var captive = lab.HomeCloud is { IsCaptive: true } home ? home : null;
        var spot = captive is not null ? Math.Min(_spotNeed[j], _free[captive.Index]) : _spotNeed[j] * _fill;
        if (captive is not null) _free[captive.Index] -= spot;
        lab.UseCompute(_delivered[j] + spot);
        var revenue = lab.Revenue;
        ServeContracts(lab, step);
        if (spot <= 0) return revenue;
        if (captive is not null) captive.BookAiSale(lab.PayCloud(captive, spot * price * Clock.HoursPerMonth / 1e9), spot, direct: false);
        else SellSpot(spot, lab);
        return revenue;
    }

    /// <summary>The lab pays each contract for the volume delivered under it (take-or-pay on what was delivered).</summary>
    private void ServeContracts(Lab lab, int step)
    {
        foreach (var contract in lab.Contracts)
        {
            var volume = contract.VolumeAt(step) * _deliverRatio[contract.Cloud.Index];
            if (volume <= 0) continue;
            var paid = lab.PayCloud(contract.Cloud, volume * contract.PricePerH100eHour * Clock.HoursPerMonth / 1e9);
            contract.Cloud.BookAiSale(paid, volume, direct: false);
        }
    }

    /// <summary>Sells spot hours pro rata over the open clouds' free capacity, to a lab or (buyer null) to end users.</summary>
    private void SellSpot(double h100e, Lab? buyer)
    {
        if (h100e <= 0 || _openFree <= 0) return;
        var clouds = _world.Clouds;
        for (var i = 0; i < clouds.Count; i++)
        {
            var c = clouds[i];
            if (c.IsCaptive || c.IsDefaulted || _free[i] <= 0) continue;
            var h = h100e * _free[i] / _openFree;
            var usd = h * _world.Market.GpuHourPrice * Clock.HoursPerMonth / 1e9;
            if (buyer is not null) c.BookAiSale(buyer.PayCloud(c, usd), h, direct: false);
            else
            {
                _world.Ledger.Pay(_world.External(ExternalAccount.EndUsers), c.Account, usd);
                c.BookAiSale(usd, h, direct: true);
            }
        }
    }

    /// <summary>Clouds see what was asked of them, served or not, so unmet demand shows up in their forecasts.</summary>
    private void ReportRequestsToClouds()
    {
        var clouds = _world.Clouds;
        for (var i = 0; i < clouds.Count; i++)
        {
            var c = clouds[i];
            if (c.IsCaptive || c.IsDefaulted) continue;
            c.UpdateSpotAverage(_openFree > 0 ? _openRequests * _free[i] / _openFree : _openRequests / Math.Max(1, clouds.Count));
        }
    }

    /// <summary>Tightness is measured; the spot price rule sets next month's price from it.</summary>
    private void UpdateSpotPrice(double price)
    {
        double used = 0, installed = 0;
        foreach (var c in _world.Clouds)
        {
            if (c.IsCaptive || c.IsDefaulted) continue;
            used += c.UsedH100e;
            installed += c.InstalledH100e;
        }
        var market = _world.Market;
        market.Tightness = (installed > 0 ? used / installed : 1) + (_openRequests > 0 ? 1 - _fill : 0);
        var state = new SpotMarketState(price, market.Tightness, used, installed, _openRequests, _openFree, _fill);
        market.GpuHourPrice = _world.MarketRules.SpotPrice.NextPrice(state, _world.Context);
    }
}
