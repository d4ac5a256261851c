using MarketSim.Core.Agents;
using MarketSim.Core.Engine;

namespace MarketSim.Core.Market;

/// <summary>
/// Regional power additions are capped per year; when clouds ask for more MW than the grid can connect this month,
/// each gets the same share of its request. A power crunch cuts the cap.
/// </summary>
public sealed class PowerGrid
{
    private readonly World _world;
    private readonly List<(Cloud Cloud, double Mw)> _requests = [];
    private double _capFactor = 1;
    private double _grantedThisYear;
    private int _year;

    internal PowerGrid(World world) => _world = world;

    public double AllowanceMwPerMonth => _world.Scenario.Power.RegionalAdditionsMwPerYear * _capFactor / 12;

    internal void Crunch(double fraction) => _capFactor *= 1 - fraction;

    /// <summary>Collects a request during planning; <see cref="Settle"/> grants it once every cloud has asked.</summary>
    internal void Request(Cloud cloud, double mw) => _requests.Add((cloud, mw));

    /// <summary>Grants this month's requests pro rata within the allowance and starts the shells.</summary>
    internal void Settle(Action<Cloud, double> start)
    {
        if (_world.Clock.Date.Year != _year)
        {
            _year = _world.Clock.Date.Year;
            _grantedThisYear = 0;
        }
        double total = 0;
        foreach (var (_, mw) in _requests) total += mw;
        if (total > 0)
        {
            var room = Math.Max(0, _world.Scenario.Power.RegionalAdditionsMwPerYear * _capFactor - _grantedThisYear);
            var share = Math.Min(1, Math.Min(room, _world.Scenario.Power.MaxMonthsOfAllowance * AllowanceMwPerMonth) / total);
            foreach (var (cloud, mw) in _requests)
                if (mw * share > 0) start(cloud, mw * share);
            _grantedThisYear += total * share;
        }
        _requests.Clear();
    }
}
