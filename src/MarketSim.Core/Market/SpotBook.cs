using MarketSim.Core.Engine;

namespace MarketSim.Core.Market;

/// <summary>
/// The open spot market's book this month, once contracts are served and before any spot hour is sold: what the open
/// clouds offer and what labs and end users ask for, each as a function of the rent per H100e-hour. Supply is free
/// capacity whose cash cost the rent covers (older, power-hungrier accelerators drop out first). Demand is labs'
/// inference beyond their contracts while the rent is below what an hour earns them in tokens (their reservation
/// price), labs' training at their budget (hours = budget / rent) beyond the contracted hours left for it, within the
/// cash they can spare, and
/// direct renters' spend (hours = spend / rent). Read-only to rules.
/// </summary>
public sealed class SpotBook
{
    private readonly FleetMeritOrder _fleet;
    private readonly bool[] _openCloud;
    private readonly double[] _contracted;
    private readonly bool[] _openLab;
    private readonly double[] _need, _reservation, _plan, _budget, _leftover, _spareCash;

    internal SpotBook(FleetMeritOrder fleet, int clouds, int labs)
    {
        _fleet = fleet;
        _openCloud = new bool[clouds];
        _contracted = new double[clouds];
        _openLab = new bool[labs];
        _need = new double[labs];
        _reservation = new double[labs];
        _plan = new double[labs];
        _budget = new double[labs];
        _leftover = new double[labs];
        _spareCash = new double[labs];
    }

    /// <summary>Last month's market rent, USD per H100e-hour.</summary>
    public double LastRent { get; private set; }

    /// <summary>The most any buyer pays for an hour: the highest token revenue per H100e-hour among the labs.</summary>
    public double Ceiling { get; private set; }

    /// <summary>Cash cost of the cheapest free H100e on offer; +infinity when there is none.</summary>
    public double LowestCashCost { get; private set; }

    /// <summary>Free H100e of the open clouds, whatever their cash cost.</summary>
    public double FreeH100e { get; private set; }

    /// <summary>What end users renting compute directly spend this month, USD bn.</summary>
    public double DirectSpendUsdBn { get; private set; }

    /// <summary>H100e the open clouds offer at a rent.</summary>
    public double Supply(double rent)
    {
        double offered = 0;
        for (var i = 0; i < _openCloud.Length; i++) offered += Offered(i, rent);
        return offered;
    }

    /// <summary>
    /// <see cref="Supply(double)"/>, and the rents [<paramref name="from"/>, <paramref name="to"/>) around this one at
    /// which every open cloud offers the same accelerators, so the supply is the same to the bit.
    /// </summary>
    internal double Supply(double rent, out double from, out double to)
    {
        (from, to) = (double.NegativeInfinity, double.PositiveInfinity);
        double offered = 0;
        for (var i = 0; i < _openCloud.Length; i++)
            offered += _openCloud[i] ? Math.Max(0, _fleet.CoveredBy(i, rent, ref from, ref to) - _contracted[i]) : 0;
        return offered;
    }

    /// <summary>H100e labs and direct renters ask for at a rent.</summary>
    public double Demand(double rent)
    {
        var demand = HoursBought(DirectSpendUsdBn, rent);
        for (var j = 0; j < _openLab.Length; j++)
            if (_openLab[j]) demand += SpotInference(j, rent) + SpotTraining(j, rent);
        return demand;
    }

    public double ExcessDemand(double rent) => Demand(rent) - Supply(rent);

    /// <summary>
    /// Whether excess demand never rises with the rent, computed as it is: every buyer's spend, need and cash at least
    /// zero (so each hour bought, each step of inference and each training demand falls or stays as the rent rises, and
    /// rounding keeps it so) and the offered capacity only grows with the rent. At positive rents.
    /// </summary>
    public bool ExcessFallsWithRent
    {
        get
        {
            if (!(DirectSpendUsdBn >= 0)) return false;
            for (var j = 0; j < _openLab.Length; j++)
                if (_openLab[j] && !(FiniteAtLeastZero(_need[j]) && FiniteAtLeastZero(_budget[j]) && FiniteAtLeastZero(_spareCash[j])
                        && double.IsFinite(_leftover[j])))
                    return false;
            return true;

            static bool FiniteAtLeastZero(double amount) => amount >= 0 && double.IsFinite(amount);
        }
    }

    /// <summary>H100e a monthly spend in USD bn buys at a rent per hour.</summary>
    public static double HoursBought(double usdBn, double rent) => usdBn * 1e9 / (rent * Clock.HoursPerMonth);

    internal double Offered(int cloud, double rent) =>
        _openCloud[cloud] ? Math.Max(0, _fleet.CoveredBy(cloud, rent) - _contracted[cloud]) : 0;

    /// <summary>What a cloud outside the open market (a captive builder) could give its own lab at a rent.</summary>
    internal double OfferedInHouse(int cloud, double rent) => Math.Max(0, _fleet.CoveredBy(cloud, rent) - _contracted[cloud]);

    internal double SpotInference(int lab, double rent) => rent <= _reservation[lab] ? _need[lab] : 0;

    /// <summary>Training hours a lab's budget buys at a rent, beyond its contracted hours, within its spare cash.</summary>
    internal double SpotTraining(int lab, double rent) =>
        Math.Min(Math.Max(0, HoursBought(_budget[lab], rent) - _leftover[lab]), HoursBought(_spareCash[lab], rent));

    /// <summary>
    /// The most H100e a lab can train with at a rent: its plan scaled up by a year of its scaling ambition (the runs it
    /// has ready), or more when its budget buys more. Contracted hours beyond this stay idle; hours already paid for
    /// are never idled merely because the rent is high.
    /// </summary>
    internal double TrainingDemand(int lab, double rent) => Math.Max(_plan[lab], HoursBought(_budget[lab], rent));

    internal void Open(double lastRent, double directSpendUsdBn)
    {
        LastRent = lastRent;
        DirectSpendUsdBn = directSpendUsdBn;
        Ceiling = 0;
        FreeH100e = 0;
        LowestCashCost = double.PositiveInfinity;
        Array.Clear(_openLab);
    }

    internal void AddCloud(int cloud, bool open, double contractedH100e, double freeH100e)
    {
        _openCloud[cloud] = open;
        _contracted[cloud] = contractedH100e;
        if (!open || freeH100e <= 0) return;
        var cheapestFree = _fleet.CostBeyond(cloud, contractedH100e);
        if (double.IsPositiveInfinity(cheapestFree)) return; // a rounding remainder, not capacity
        FreeH100e += freeH100e;
        LowestCashCost = Math.Min(LowestCashCost, cheapestFree);
    }

    /// <param name="open">Buys on the open market (false for a captive builder's lab).</param>
    internal void AddLab(int lab, bool open, double spotNeedH100e, double reservationRent, double trainingPlanH100e,
        double trainingBudgetUsdBn, double contractedLeftForTrainingH100e, double spareCashUsdBn)
    {
        _plan[lab] = trainingPlanH100e;
        _openLab[lab] = open;
        _need[lab] = spotNeedH100e;
        _reservation[lab] = reservationRent;
        _budget[lab] = trainingBudgetUsdBn;
        _leftover[lab] = contractedLeftForTrainingH100e;
        _spareCash[lab] = spareCashUsdBn;
        Ceiling = Math.Max(Ceiling, reservationRent);
    }
}
