using MarketSim.Core.Agents;
using MarketSim.Core.Finance;
using MarketSim.Core.Market;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Engine;

/// <summary>
/// Everything one run holds: the clock, the ledger, the records, the market's institutions and the agents. The world
/// holds state and wires the month's steps (<see cref="MonthlyStep"/>); prices, rounds and clearing live in
/// <c>Market/</c>, decisions in <c>Rules/</c>.
/// </summary>
public sealed class World
{
    private readonly int[] _external;
    private readonly MonthlyStep _month;

    /// <summary>
    /// The run's remembered logarithms, exponentials and powers, taken from its thread when the run starts and held
    /// for it (the month asks for them some 13,000 times a run; a thread's own object is a call to look up each time).
    /// </summary>
    internal RecentResults Recent { get; } = RecentResults.Take();

    internal World(Scenario scenario, int seed, RuleCatalog catalog)
    {
        Scenario = scenario;
        Seed = seed;
        // A run that holds the whole 2026-2027 cohort goes on, unrecorded, until the cohort's last chip could retire.
        Clock = new Clock(scenario.Clock.Start, scenario.Clock.End,
            Summary.CohortAccounts.Covers(scenario.Clock) ? Summary.CohortAccounts.PhysicalEnd(scenario) : null);
        Buffers = RunBuffers.Take();
        Storage = RunStorage.Take();
        Ledger = new Ledger();
        _external = new int[ExternalAccountNames.Length];
        for (var a = 0; a < _external.Length; a++) _external[a] = Ledger.Open(ExternalAccountNames[a]);
        Metrics = new MetricsRecorder(Clock, Storage);
        Events = new EventLog(Clock, Storage);
        Trends = new Trends(scenario, Clock, Recent);
        Power = new PowerGrid(this);
        Market = new CapitalMarket(this, scenario.Finance.OpeningSentiment, scenario.Hardware.OpeningGpuHourPrice);
        Risk = new RiskRegister(this);
        CapacityCost = new CapacityCost(this);
        Context = new RuleContext(scenario, Clock, Trends, Market, CapacityCost, Recent);

        var rules = new RuleResolver(scenario, catalog);
        MarketRules = rules.ForMarket();
        Roadmap = new ChipRoadmap(scenario, scenario.Clock.Start.AddMonths(Clock.Horizon - 1).Index);
        Chipmakers = new(MakeByName(scenario.Chipmakers, (name, o, _) => new Chipmaker(this, name, o, rules.ForChipmaker(o), LinesOf(name, o))));
        Clouds = new(MakeByName(scenario.Clouds, (name, o, i) => new Cloud(this, name, o, rules.ForCloud(o)) { Index = i }));
        _captiveAlone = new Cloud[Clouds.Count][];
        Labs = new(MakeByName(scenario.Labs, (name, o, j) => new Lab(this, name, o, rules.ForLab(o)) { Index = j }));

        ContractDesk = new ContractDesk(this);
        EquityRounds = new EquityRounds(this);
        ComputeMarket = new ComputeMarket(this);
        OpeningState.Open(this);
        StructuredFinance = new StructuredFinance(this);
        var openingFrontier = Labs.Count > 0 ? Labs[0].Capability : 1;
        for (var j = 1; j < Labs.Count; j++) openingFrontier = Math.Max(openingFrontier, Labs[j].Capability);
        Demand = new DemandPopulation(scenario.Demand, openingFrontier, RandomStreams.Create(seed, RandomStreams.Demand), Buffers);
        DemandAllocation = new DemandAllocation(this);
        Schedule = new ScheduledEvents(this);
        Cohort = new Summary.CohortAccounts(this);
        Deals = new DealDesk(this);
        _month = new MonthlyStep(this);
    }

    public Scenario Scenario { get; }
    /// <summary>Large working arrays, this run's until it finishes (<see cref="Finish"/>).</summary>
    internal RunBuffers Buffers { get; }
    /// <summary>What the run keeps until its result is recycled: series values, event blocks, vintages, contracts.</summary>
    internal RunStorage Storage { get; }
    public int Seed { get; }
    public Clock Clock { get; }
    public Ledger Ledger { get; }
    public MetricsRecorder Metrics { get; }
    public EventLog Events { get; }
    public Trends Trends { get; }
    public PowerGrid Power { get; }
    public CapitalMarket Market { get; }
    /// <summary>Every loan and stake outstanding by holder, and the losses each holder took.</summary>
    public RiskRegister Risk { get; }
    /// <summary>GPU-backed and vendor loans, vehicles, equity for compute and warrants: the calls deals and rules use.</summary>
    public StructuredFinance StructuredFinance { get; private set; } = null!;
    public CapacityCost CapacityCost { get; }
    /// <summary>The generations each chipmaker ships, month by month.</summary>
    public ChipRoadmap Roadmap { get; }
    /// <summary>What rules see of this world: the month, the scenario, trends and market prices.</summary>
    public RuleContext Context { get; }
    /// <summary>The scenario-wide rules: spot price, demand split between labs, investor sentiment.</summary>
    public MarketRuleSet MarketRules { get; }
    public ContractDesk ContractDesk { get; }
    internal EquityRounds EquityRounds { get; }
    internal ComputeMarket ComputeMarket { get; }
    internal DemandAllocation DemandAllocation { get; }
    public Roster<Chipmaker> Chipmakers { get; }
    public Roster<Cloud> Clouds { get; }
    public Roster<Lab> Labs { get; }
    public DemandPopulation Demand { get; }
    internal ScheduledEvents Schedule { get; }
    /// <summary>The 2026-2027 cohort's monthly accounts, kept until its last chip leaves service.</summary>
    internal Summary.CohortAccounts Cohort { get; }
    /// <summary>The deal book as this scenario honours it.</summary>
    internal DealDesk Deals { get; }
    public int Defaults { get; private set; }
    public int AgentCount => Chipmakers.Count + Clouds.Count + Labs.Count + Demand.Count;

    public int External(ExternalAccount account) => _external[(int)account];

    private static readonly string[] ExternalAccountNames = Enum.GetNames<ExternalAccount>(); // in the order of their values

    // A scenario's agents, made in the ordinal order of their names whatever order its table holds them in (names are
    // keys, so unique), each told its place. Every run makes its agents; a sort of a few keys is all this asks, where
    // LINQ's ordering built a sorter, a key array and a map each time.
    private static TAgent[] MakeByName<TOptions, TAgent>(IReadOnlyDictionary<string, TOptions> table, Func<string, TOptions, int, TAgent> make)
    {
        var rows = new KeyValuePair<string, TOptions>[table.Count];
        var i = 0;
        foreach (var row in table) rows[i++] = row;
        Array.Sort(rows, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var agents = new TAgent[rows.Length];
        for (i = 0; i < rows.Length; i++) agents[i] = make(rows[i].Key, rows[i].Value, i);
        return agents;
    }

    /// <summary>A chipmaker's lines: all its generations, then each custom-silicon family of its own that clouds buy.</summary>
    private List<ProductLine> LinesOf(string maker, ChipmakerOptions options)
    {
        List<ProductLine> lines = [Roadmap.Line(maker)];
        if (!options.InHouse) return lines;
        var families = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var cloud in Scenario.Clouds.Values) families.Add(cloud.CustomSiliconFamily);
        foreach (var family in families)
            if (family.Length > 0 && Makes(maker, family)) lines.Add(Roadmap.Line(maker, family));
        return lines;
    }

    private bool Makes(string maker, string family)
    {
        foreach (var generation in Scenario.Generations.Values)
            if (generation.Vendor == maker && generation.Family == family) return true;
        return false;
    }

    public Cloud? CloudNamed(string name) => Clouds.FirstOrDefault(c => c.Name == name);
    public Agents.Lab? LabNamed(string name) => Labs.FirstOrDefault(l => l.Name == name);

    public double InstalledH100e()
    {
        double installed = 0;
        foreach (var c in Clouds) installed += c.InstalledH100e;
        return installed;
    }

    /// <summary>The clouds a lab may buy from: its captive builder if it has one, else every open cloud still in business.</summary>
    public IReadOnlyList<Cloud> OpenCloudsFor(Lab lab)
    {
        if (lab.HomeCloud is { IsCaptive: true } captive)
            return captive.IsDefaulted ? [] : _captiveAlone[captive.Index] ??= [captive];
        return _openClouds ??= Clouds.Where(c => !c.IsDefaulted && !c.IsCaptive).ToArray();
    }

    // Each captive builder as a list of one, made once rather than at every lab's every month.
    private readonly Cloud[]?[] _captiveAlone;

    // Recomputed only after a default, the one event that changes it.
    private Cloud[]? _openClouds;

    /// <summary>A company defaulted: counted, the open clouds are looked up again, and investors take fright.</summary>
    internal void RegisterDefault()
    {
        Defaults++;
        _openClouds = null;
        Market.ReactToDefault();
    }

    /// <summary>One month, in the order <see cref="MonthlyStep"/> documents.</summary>
    internal void Step()
    {
        if (IsRecycled) throw new ObjectDisposedException(nameof(World), "the run's result was recycled; its storage belongs to the next run");
        if (_finished) throw new InvalidOperationException("the run has finished; its working arrays belong to the next run");
        _month.Run();
    }

    private bool _finished;

    /// <summary>True once the run's result was recycled (<see cref="Results.RunResult.Recycle"/>).</summary>
    internal bool IsRecycled { get; private set; }

    /// <summary>The run's result was recycled: the world refuses to step, and its storage goes to the next run on this thread.</summary>
    internal void Recycle()
    {
        if (IsRecycled) return;
        IsRecycled = true;
        Events.MarkRecycled();
        if (Storage.InUse) Storage.Return();
    }

    /// <summary>
    /// The run is over: it steps no more, and its working arrays and remembered results go to the next run on this
    /// thread.
    /// </summary>
    internal void Finish()
    {
        if (_finished) return;
        _finished = true;
        Buffers.Return();
        Recent.Return();
    }
}
