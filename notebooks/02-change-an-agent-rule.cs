#:project ../src/MarketSim.Plots
#:package Spectre.Console

// # 2. Change an agent rule
//
// Every decision in MarketSim is a swappable rule behind a small interface, one file per decision in
// src/MarketSim.Core/Rules/: among them ICapacityPolicy (how a cloud decides how many MW to build and how many
// accelerators to order), IPricingPolicy (how a lab prices tokens), IProcurementPolicy (how a lab buys compute) and
// IFinancingPolicy (how a lab raises equity), and the rules for contract quotes, borrowing, chip vendors, retirement,
// write-downs, chip pricing and production, the spot price, the demand split between labs and investor sentiment
// (MODEL.md, "Rules", lists all sixteen with their defaults). A scenario names the rule to use, for every agent
// (`Policies:Capacity=...`) or for one (`Clouds:CoreWeave:Policies:Capacity=...`). A rule sees its own agent and a
// read-only RuleContext (month, scenario, trends, market prices and rates), and every event it causes carries
// `rule=<Name>` in its detail.
//
// This walkthrough writes a new capacity rule, runs it against the baseline and the two alternatives that ship with
// the code, and compares the answers, a figure and the decisions each rule made. Run it with
//
//     dotnet run notebooks/02-change-an-agent-rule.cs
//
// and change the rule at the bottom of this file to try your own (the exercises at the end suggest some).

using System.Diagnostics;
using MarketSim.Core;
using MarketSim.Core.Agents;
using MarketSim.Core.Rules;
using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;
using MarketSim.Plots.Input;
using MarketSim.Plots.Rendering;
using Spectre.Console;

// Everything this walkthrough writes goes to results/notebooks/02-change-an-agent-rule/ at the repository root
// (git ignores results/). The path starts from this file's folder, so it does not matter where you run it from.
var notebooks = (string)AppContext.GetData("EntryPointFileDirectoryPath")!;
var output = Path.GetFullPath(Path.Combine(notebooks, "..", "results", "notebooks", "02-change-an-agent-rule"));

// ## A new rule: build for what is signed plus half of spot demand
//
// The default rule, ForecastCapacity, builds for contracts plus a forecast of demand growth. HalfSpotCapacity, the
// class at the end of this file (C# wants a program's statements before its classes), never bets on growth: it plans
// for what labs have signed plus half of today's spot and direct demand. `CapacityPlanning.Plan(cloud, context,
// forecast)` turns any forecast of H100e needed n months ahead into a plan (MW of shells to start, accelerators to
// order), respecting build lead times and the MW the cloud has powered or under way. `RuleCatalog.BuiltIn.With(...)`
// gives a catalogue that holds the new rule beside the built-in ones; a simulation created with it can name the rule.
var rules = RuleCatalog.BuiltIn.With<ICapacityPolicy>("HalfSpotCapacity", () => new HalfSpotCapacity());
Console.WriteLine("capacity rules: " + string.Join(", ", rules.Names<ICapacityPolicy>()));

// ## Run it against the baseline, with the shipped alternatives
//
// Same scenario, same seed; only the named rule differs. ContractBackedCapacity is a cloud that builds only for signed
// contracts; PriceWarPricing is labs cutting token prices to win share instead of pricing at cost plus a margin
// (CostPlusPricing, the baseline's rule).
(string Name, string[] Overrides)[] variants =
[
    ("baseline", []),
    ("half spot", ["Policies:Capacity=HalfSpotCapacity"]),
    ("contract backed", ["Policies:Capacity=ContractBackedCapacity"]),
    ("price war", ["Policies:Pricing=PriceWarPricing"]),
];
var clock = Stopwatch.StartNew();
var runs = variants.ToDictionary(v => v.Name,
    v => Simulation.Create(ScenarioLoader.Load(null, v.Overrides), seed: 1, rules).Run());
Console.WriteLine($"{runs.Count} runs in {clock.ElapsedMilliseconds} ms");

// A table with one row per item and one column per variant; the walkthrough prints several.
Table ByVariant(string title, string first) =>
    variants.Aggregate(new Table { Title = new TableTitle(title) }.AddColumn(new TableColumn(first).NoWrap()),
        (table, v) => table.AddColumn(new TableColumn(v.Name).RightAligned()));

// ## The answers side by side
//
// The run-level metrics that carry the verdict (USD bn unless the name says otherwise).
string[] headline =
[
    "ai_capex_2026_2027_usd_bn", "ai_revenue_2026_2027_usd_bn", "revenue_gap_all_chipmakers_usd_bn",
    "enduser_cohort_2026_2027_npv_usd_bn", "justified", "cohort_2026_2027_npv_usd_bn", "justified_owners",
    "cohort_2026_2027_irr", "defaults", "stranded_mw_2030", "write_downs_usd_bn", "hhi_clouds",
];
var answers = ByVariant("Summary metrics by rule", "metric");
foreach (var metric in headline)
    answers.AddRow([metric, .. runs.Values.Select(r => r.SummaryValue(metric).ToString("0.##"))]);
AnsiConsole.Write(answers);

// ## A figure: cloud AI capex and end-user AI revenue per year
//
// Built with the project's plotting helpers (`Panels.Create` gives a ScottPlot plot in the house style; `Figure` adds
// the title and note), so it looks like the figures in a run's plots/ folder.
ScottPlot.Color[] colors = [CompanyColors.Black, CompanyColors.Vermillion, CompanyColors.Blue, CompanyColors.Green];
var capexPanel = Panels.Create(null, "", "Cloud AI capex (USD bn/yr)");
var revenuePanel = Panels.Create(null, "Year", "AI revenue (USD bn/yr)");
var years = RunData.FromResult(runs["baseline"]).Years;
foreach (var ((name, result), color) in runs.Zip(colors))
{
    var run = RunData.FromResult(result);
    var capex = years.Select((_, y) => run.Agents("cloud").Sum(c => run.Yearly(c, "ai_capex_usd_bn")![y])).ToArray();
    var revenue = run.Yearly("Market", "ai_revenue_usd_bn")!;
    foreach (var (panel, values) in new[] { (capexPanel, capex), (revenuePanel, revenue) })
    {
        var line = panel.Add.Scatter(years.Select(y => (double)y).ToArray(), values, color);
        line.LegendText = name;
        line.LineWidth = 2.5f;
    }
}
foreach (var panel in new[] { capexPanel, revenuePanel }) Panels.YearTicks(panel, years[0], years[^1]);
Panels.SharedLegend([capexPanel, revenuePanel], 200);
var figure = new Figure("rule_comparison", "Cloud AI capex and end-user AI revenue under four rules",
    "Yearly AI capex of all clouds (top) and what end users pay for AI (bottom), one line per rule.",
    "scenario baseline, seed 1", [capexPanel, revenuePanel]);
Console.WriteLine("figure: " + string.Join(", ", FigureFiles.Write([figure], output)));

// ## The decisions the new rule made
//
// Every event HalfSpotCapacity caused names it. Grouped by event and cloud, then the first few of each kind as
// events.csv holds them.
var mine = runs["half spot"].Events.Where(e => e.Detail.StartsWith("rule=HalfSpotCapacity ")).ToList();
var decisions = new Table { Title = new TableTitle("Events naming HalfSpotCapacity") }.AddColumns("event", "cloud")
    .AddColumn(new TableColumn("count").RightAligned()).AddColumn(new TableColumn("USD bn").RightAligned());
foreach (var g in mine.GroupBy(e => (e.Event, e.Agent)).OrderBy(g => g.Key.Event).ThenBy(g => g.Key.Agent))
    decisions.AddRow(g.Key.Event, g.Key.Agent, g.Count().ToString(), g.Sum(e => e.AmountUsdBn).ToString("F1"));
AnsiConsole.Write(decisions);

var first = new Table { Title = new TableTitle("The first chip orders and shells") }
    .AddColumns("date", "cloud", "event").AddColumn(new TableColumn("USD bn").RightAligned()).AddColumn("detail");
foreach (var e in mine.GroupBy(e => e.Event).SelectMany(g => g.Take(4)))
    first.AddRow(e.Date, e.Agent, e.Event, e.AmountUsdBn.ToString("F2"), Markup.Escape(e.Detail));
AnsiConsole.Write(first);

// How many events each variant's rules made, by rule: which rule was swapped, and what changed downstream.
static string RuleOf(SimEvent e) => e.Detail.Split(' ')[0]["rule=".Length..];
var byRule = ByVariant("Events by rule", "rule");
foreach (var rule in runs.Values.SelectMany(r => r.Events.Select(RuleOf)).Distinct().Order())
    byRule.AddRow([rule, .. runs.Values.Select(r => r.Events.Count(e => RuleOf(e) == rule).ToString())]);
AnsiConsole.Write(byRule);

// A pricing rule sets a price every month rather than making deals, so PriceWarPricing shows up in the prices more
// than in the events: the market token price (USD per million tokens) under each variant, each December.
var prices = ByVariant("Token price in December (USD per million tokens)", "month");
var tokenPrice = runs.Values
    .Select(r => r.Series.Single(s => s.Agent == "Market" && s.Metric == "token_price_usd_per_mtok").Values).ToList();
var decembers = runs["baseline"].Dates.Select((date, step) => (date, step)).Where(d => d.date.EndsWith("-12"));
foreach (var (date, step) in decembers)
    prices.AddRow([date, .. tokenPrice.Select(p => p[step].ToString("G3"))]);
AnsiConsole.Write(prices);

foreach (var (name, run) in runs)
{
    Console.WriteLine($"{name,-16} justified={run.SummaryValue("justified")}  " +
        $"cohort NPV (end users) {run.SummaryValue("enduser_cohort_2026_2027_npv_usd_bn"),8:F1} USD bn");
}

// ## Exercises
//
// 1. A cautious builder. Change the 0.5 in HalfSpotCapacity to 0.0 and 1.0 (or make the share a constructor argument,
//    with a Name that includes it, and add two rules). Which share gives the highest cohort NPV, and what happens to
//    stranded_mw_2030? Then give the rule to CoreWeave alone (Clouds:CoreWeave:Policies:Capacity=HalfSpotCapacity).
// 2. Build for the cash you have. Write a rule that plans like ForecastCapacity (src/MarketSim.Core/Rules/Capacity.cs)
//    but scales the forecast down when context.Market.Sentiment is below 1. Does it avoid write-downs in a run with
//    Shocks:EfficiencyBreakthrough:Enabled=true?
// 3. One seed is one world. Run the baseline and HalfSpotCapacity for seeds 1 to 10 and count how often each is
//    justified. Is the difference bigger than the spread between seeds?
// 4. A pricing rule of your own. Implement IPricingPolicy (e.g. cost plus a margin that falls as the lab's capability
//    lead shrinks), add it with rules.With<IPricingPolicy>(...) and name it with Policies:Pricing=...
//    Compare the token price path and ai_revenue_2026_2027_usd_bn with CostPlusPricing.

// A cloud that builds for what is signed plus half of today's spot demand, never for forecast growth.
public sealed class HalfSpotCapacity : ICapacityPolicy
{
    public CapacityPlan PlanCapacity(Cloud cloud, RuleContext context) =>
        CapacityPlanning.Plan(cloud, context, monthsAhead =>
            cloud.ContractedH100eAt(context.Step + monthsAhead) + 0.5 * cloud.SpotAndDirectH100eAverage);
}
