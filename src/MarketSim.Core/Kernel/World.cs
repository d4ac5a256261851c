using MarketSim.Core.Accounting;
using MarketSim.Core.Agents;
using MarketSim.Core.Policies;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Kernel;

/// <summary>Everything one run holds: the clock, the ledger, the agents, the market, and the records.</summary>
public sealed partial class World
{
    // Tokens an H100e serves per hour at the start of 2025 for a frontier-model mix (sets compute cost per token;
    // with ~2 USD/h contracts and a 41% margin (openai_gross_margin) OpenAI's price is ~2 USD per million tokens).
    private const double OpeningTokensPerH100eHour = 1.5e6;
    private readonly int[] _external;

    public World(Scenario scenario, int seed)
    {
        Scenario = scenario;
        Seed = seed;
        Clock = new Clock(scenario.Clock.Start, scenario.Clock.End);
        Ledger = new Ledger();
        _external = Enum.GetValues<ExternalAccount>().Select(a => Ledger.Open(a.ToString())).ToArray();
        Metrics = new MetricsRecorder(Clock);
        Events = new EventLog(Clock);
        Trends = new Trends(scenario, Clock, OpeningTokensPerH100eHour);
        Power = new PowerGrid(this);
        Market = new CapitalMarket(this, scenario.Finance.OpeningSentiment, scenario.Hardware.OpeningGpuHourPrice);

        Chipmakers = scenario.Chipmakers.OrderBy(k => k.Key, StringComparer.Ordinal)
            .Select(k => new Chipmaker(this, k.Key, k.Value)).ToList();
        var capacity = PolicyCatalog.Create<ICapacityPolicy>(scenario.Policies.Capacity);
        Clouds = scenario.Clouds.OrderBy(k => k.Key, StringComparer.Ordinal)
            .Select(k => new Cloud(this, k.Key, k.Value, capacity)).ToList();
        for (var i = 0; i < Clouds.Count; i++) Clouds[i].Index = i;
        var pricing = PolicyCatalog.Create<IPricingPolicy>(scenario.Policies.Pricing);
        var procurement = PolicyCatalog.Create<IProcurementPolicy>(scenario.Policies.Procurement);
        var financing = PolicyCatalog.Create<IFinancingPolicy>(scenario.Policies.Financing);
        Labs = scenario.Labs.OrderBy(k => k.Key, StringComparer.Ordinal)
            .Select(k => new Lab(this, k.Key, k.Value, pricing, procurement, financing)).ToList();

        OpenState();
        var openingFrontier = Labs.Count > 0 ? Labs.Max(l => l.Capability) : 1;
        Demand = new DemandPopulation(scenario.Demand, openingFrontier, RandomStreams.Create(seed, RandomStreams.Demand));
        Schedule = new ScheduledEvents(this);
    }

    public Scenario Scenario { get; }
    public int Seed { get; }
    public Clock Clock { get; }
    public Ledger Ledger { get; }
    public MetricsRecorder Metrics { get; }
    public EventLog Events { get; }
    public Trends Trends { get; }
    public PowerGrid Power { get; }
    public CapitalMarket Market { get; }
    public IReadOnlyList<Chipmaker> Chipmakers { get; }
    public IReadOnlyList<Cloud> Clouds { get; }
    public IReadOnlyList<Lab> Labs { get; }
    public DemandPopulation Demand { get; }
    internal ScheduledEvents Schedule { get; }
    public int Defaults { get; private set; }
    public int AgentCount => Chipmakers.Count + Clouds.Count + Labs.Count + Demand.Count;

    public int External(ExternalAccount account) => _external[(int)account];

    public Cloud? CloudNamed(string name) => Clouds.FirstOrDefault(c => c.Name == name);

    internal void RegisterDefault()
    {
        Defaults++;
        _openClouds = null;
        Market.Shock(0.85);
    }

    /// <summary>The clouds a lab may buy from: its captive builder if it has one, else every open cloud still in business.</summary>
    public IReadOnlyList<Cloud> OpenCloudsFor(Lab lab)
    {
        if (lab.HomeCloud is { IsCaptive: true } captive) return captive.IsDefaulted ? [] : [captive];
        return _openClouds ??= Clouds.Where(c => !c.IsDefaulted && !c.IsCaptive).ToArray();
    }

    // Recomputed only after a default, the one event that changes it.
    private Cloud[]? _openClouds;

    /// <summary>Signs a contract at the cloud's quote (or a given price, for announced deals).</summary>
    public ComputeContract SignContract(Lab lab, ContractRequest request, string rule, double? priceOverride = null)
    {
        var price = priceOverride ?? ContractQuote(request.Cloud);
        var start = Clock.Step + request.StartInMonths;
        var contract = new ComputeContract
        {
            Lab = lab, Cloud = request.Cloud, VolumeH100e = request.VolumeH100e, PricePerH100eHour = price,
            StartStep = start, EndStep = start + request.Months, Rule = rule,
        };
        lab.AddContract(contract);
        request.Cloud.AddContract(contract);
        Events.Add(lab.Name, "ContractSigned", request.Cloud.Name, contract.ValueUsdBn, rule,
            $"h100e={request.VolumeH100e:F0} months={request.Months} price={price:F2}");
        return contract;
    }

    /// <summary>
    /// A cloud's contract quote: the full cost of new capacity at its cost of capital, marked up by scarcity, less
    /// the term discount against the spot price when spot is cheaper than that.
    /// </summary>
    public double ContractQuote(Cloud cloud)
    {
        var atCost = FullCostPerH100eHour(cloud.CostOfCapital) * (1 + 0.15 + 0.5 * Math.Clamp(Market.Tightness - 0.85, 0, 1));
        return Math.Max(0.8 * atCost, Math.Min(atCost, Market.GpuHourPrice * (1 - Scenario.Procurement.ContractDiscount) * 1.6));
    }

    /// <summary>
    /// Cost of one H100e-hour of new capacity: chips (with 20% for networking) and a 30% share of the shell
    /// (shells outlive several chip generations), recovered over the accounting life at the given cost of capital,
    /// at 80% utilization, plus power.
    /// </summary>
    public double FullCostPerH100eHour(double costOfCapital)
    {
        double weight = 0, value = 0;
        foreach (var c in Chipmakers)
        {
            var w = Math.Max(c.CapacityH100ePerMonth, 1);
            weight += w;
            value += w * c.PriceUsdPerH100e;
        }
        var chip = weight > 0 ? value / weight : Trends.OpeningPriceUsdPerH100e(0);
        var kw = Trends.KwPerH100e;
        var shell = kw / 1000 * Scenario.Power.ShellCostUsdMPerMw * 1e6;
        var r = costOfCapital;
        var n = Scenario.Hardware.DepreciationLifeYears;
        var recovery = r / (1 - Math.Pow(1 + r, -n));
        return (1.2 * chip + 0.3 * shell) * recovery / (8760 * 0.8) + Trends.PowerCostPerH100eHour(kw);
    }

    /// <summary>An equity round: chipmakers take a share (circular financing), investors the rest.</summary>
    public void FundRound(Lab lab, FundingDecision decision, string rule)
    {
        var amount = decision.AmountUsdBn;
        var circular = amount * Scenario.Finance.CircularFinancingShare;
        var makerRevenue = Chipmakers.Sum(c => c.RevenueRunRate);
        var fromMakers = 0.0;
        foreach (var maker in Chipmakers)
        {
            if (makerRevenue <= 0) break;
            var part = Math.Min(circular * maker.RevenueRunRate / makerRevenue, Math.Max(0, 0.5 * maker.Cash));
            if (part <= 1e-6) continue;
            Ledger.Pay(maker.Account, lab.Account, part);
            Events.Add(maker.Name, "EquityInvestment", lab.Name, part, "CircularFinancing", "");
            fromMakers += part;
        }
        Ledger.Pay(External(ExternalAccount.Investors), lab.Account, amount - fromMakers);
        lab.LastRoundStep = Clock.Step;
        Events.Add(lab.Name, "FundingRound", "Investors", amount, rule, $"sentiment={Market.Sentiment:F2}");
    }
}
