using MarketSim.Core.Agents;
using MarketSim.Core.Engine;

namespace MarketSim.Core.Finance;

/// <summary>A structured or circular financing: its id, its kind, who owes or receives, and who holds the risk.</summary>
public interface IFinancingInstrument
{
    string Id { get; }
    string Kind { get; }
    /// <summary>The parties who lose if it goes wrong, as named in events and MODEL.md.</summary>
    string RiskHolders { get; }
}

/// <summary>
/// Equity for compute: a chipmaker buys equity in a lab for each GW the lab deploys on its chips (Nvidia-OpenAI: about
/// 10 bn per GW). The chipmaker holds the stake, at cost, and loses it if the lab fails.
/// </summary>
public sealed class EquityForCompute : IFinancingInstrument
{
    public required string Id { get; init; }
    public required Chipmaker Investor { get; init; }
    public required Lab Lab { get; init; }
    public required double UsdBnPerGw { get; init; }
    public required double MaxGw { get; init; }
    public double GwCovered { get; internal set; }
    public double InvestedUsdBn { get; internal set; }
    public string Kind => "EquityForCompute";
    public string RiskHolders => Investor.Name;
}

/// <summary>
/// A warrant a chipmaker grants a lab (AMD-OpenAI): shares that vest as the lab deploys GW on the chipmaker's chips.
/// Their value at grant scales with the chipmaker's revenue since (standing in for its share price); the lab sells
/// vested shares to <c>Shareholders</c>, whose stake in the chipmaker is diluted: they hold the cost.
/// </summary>
public sealed class Warrant : IFinancingInstrument
{
    public required string Id { get; init; }
    public required Chipmaker Issuer { get; init; }
    public required Lab Holder { get; init; }
    public required double ValueAtGrantUsdBn { get; init; }
    public required double Gw { get; init; }
    public required double IssuerRevenueAtGrant { get; init; }
    public double GwVested { get; internal set; }
    public double ProceedsUsdBn { get; internal set; }
    public string Kind => "Warrant";
    public string RiskHolders => $"{Issuer.Name} shareholders";
}

/// <summary>
/// How much each lab deploys and on whose chips. Where an announced chip-supply deal reserves a chipmaker's output for
/// a lab, the GW its clouds order under it are what the lab deploys on those chips. Otherwise a lab deploys when its
/// contracted compute rises above its earlier peak: the rise, at today's kW per H100e, is GW deployed; the model does
/// not trace which vendor's chips serve which lab, so a chipmaker's part is its share of the accelerators delivered to
/// clouds over the last year.
/// </summary>
internal sealed class Deployments
{
    private readonly World _world;
    private readonly double[] _peakH100e;
    private readonly TrailingYear[] _shipped;

    public Deployments(World world)
    {
        _world = world;
        _peakH100e = world.Labs.Select(l => l.ContractedH100eAt(world.Clock.Step)).ToArray();
        _shipped = world.Chipmakers.Select(c =>
        {
            var year = new TrailingYear();
            year.Seed(_ => c.CapacityH100ePerMonth);
            return year;
        }).ToArray();
        NewGw = new double[world.Labs.Count];
        _shares = new double[world.Chipmakers.Count];
    }

    private readonly double[] _shares;

    /// <summary>GW each lab deployed this month, by the lab's position in the world's list.</summary>
    public double[] NewGw { get; }

    public void Update()
    {
        var step = _world.Clock.Step;
        double total = 0;
        for (var i = 0; i < _shipped.Length; i++)
        {
            _shipped[i].Record(step, _world.Chipmakers[i].ShippedToCloudsThisStep);
            total += _shipped[i].AnnualRate;
        }
        for (var i = 0; i < _shipped.Length; i++) _shares[i] = total > 0 ? _shipped[i].AnnualRate / total : 0;
        var kwPerH100e = _world.CapacityCost.KwPerH100e;
        for (var j = 0; j < _peakH100e.Length; j++)
        {
            var contracted = _world.Labs[j].ContractedH100eAt(step);
            NewGw[j] = Math.Max(0, contracted - _peakH100e[j]) * kwPerH100e / 1e6;
            _peakH100e[j] = Math.Max(_peakH100e[j], contracted);
        }
    }

    /// <summary>
    /// GW a lab deployed on a chipmaker's chips this month: what its clouds ordered under the maker's supply reservations
    /// for it (an announced chip-supply deal) since last asked, if it has any; else the lab's new GW times the
    /// chipmaker's share of deliveries.
    /// </summary>
    public double NewGwOn(Lab lab, Chipmaker maker)
    {
        var reservations = _world.Deals.Reservations;
        if (!reservations.Reserves(maker, lab)) return NewGw[IndexOf(_world.Labs, lab)] * _shares[IndexOf(_world.Chipmakers, maker)];
        var step = _world.Clock.Step;
        if (!_ordered.TryGetValue((maker, lab), out var seen) || seen.Step != step)
        {
            var total = reservations.OrderedGw(maker, lab);
            seen = (step, total, total - seen.Total);
            _ordered[(maker, lab)] = seen;
        }
        return seen.New;
    }

    // GW ordered under reservations when last asked, per chipmaker and lab; asked again in the same month, the same answer.
    private readonly Dictionary<(Chipmaker, Lab), (int Step, double Total, double New)> _ordered = [];

    private static int IndexOf<T>(IReadOnlyList<T> agents, T agent) where T : class
    {
        for (var j = 0; j < agents.Count; j++) if (agents[j] == agent) return j;
        throw new ArgumentException("not an agent of this world", nameof(agent));
    }
}
