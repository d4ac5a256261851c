#:project ../src/MarketSim.Plots
#:project ../src/MarketSim.Experiments
#:package Spectre.Console

// # 1. Run the baseline
//
// This walkthrough runs the built-in baseline scenario once (January 2025 to December 2035, seed 1), reads what the
// run produced (summary metrics, a few yearly series, the events grouped by the rule that made them), draws the run's
// figures and states the verdict: does end-user demand pay back the 2026-2027 AI capex cohort?
//
// It is an ordinary C# program that uses the project's libraries straight from this repository (the `#:project` line
// above), so what it prints is what `marketsim run` computes. Run it from the repository root or from notebooks/:
//
//     dotnet run notebooks/01-run-the-baseline.cs
//
// The first run builds the libraries (about half a minute); later runs take a few seconds. Read it top to bottom:
// the comments are the text, the code is what each step does, and every table below is printed to the console.

using System.Diagnostics;
using System.Text.RegularExpressions;
using MarketSim.Core;
using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;
using MarketSim.Experiments.Output;
using MarketSim.Plots.Input;
using MarketSim.Plots.Rendering;
using MarketSim.Plots.Run;
using Spectre.Console;

// Everything this walkthrough writes goes to results/notebooks/01-run-the-baseline/ at the repository root
// (git ignores results/). The path starts from this file's folder, so it does not matter where you run it from.
var notebooks = (string)AppContext.GetData("EntryPointFileDirectoryPath")!;
var output = Path.GetFullPath(Path.Combine(notebooks, "..", "results", "notebooks", "01-run-the-baseline"));

// ## Run it
//
// `ScenarioLoader.Load(null, [])` is the built-in baseline with no overrides (the scenario `marketsim run` uses);
// `Simulation.Create(scenario, seed).Run()` simulates it month by month and returns everything in memory.
var scenario = ScenarioLoader.Load(null, []);
var clock = Stopwatch.StartNew();
var result = Simulation.Create(scenario, seed: 1).Run();
Console.WriteLine($"scenario {result.ScenarioName}, seed {result.Seed}: {result.Dates.Count} months " +
    $"({result.Dates[0]} to {result.Dates[^1]}), {result.Series.Count} series, {result.Events.Count} events, " +
    $"simulated in {clock.ElapsedMilliseconds} ms");

// ## Summary metrics
//
// One row per run-level answer, as in summary.csv. Money is in USD bn. The cohort is the accelerators clouds took
// delivery of in 2026 and 2027 with the shells they occupy, followed to the end of its life (past the end of the run if
// need be); its NPV discounts its after-tax cash at its owners' cost of capital, through two lenses: what end users pay
// for AI (enduser_...) and what its owners are paid (cohort_...), the gap being mostly investors' and parents' money
// (investor_subsidy_...). Sequoia's required revenue (cahn_...) is the end-user revenue chip spending needs each year,
// on all chipmakers' revenue and on the modelled clouds' purchases; the gap is what is missing. A metric the run cannot
// define is empty. The per-year metrics (capex_<yyyy>_usd_bn, ai_revenue_<yyyy>_usd_bn) are left out: the next table
// reads each year from the series.
var perYear = new Regex(@"_20\d\d_usd_bn$");
var summary = new Table { Title = new TableTitle("Summary metrics") }
    .AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
foreach (var m in result.Summary.Where(m => !perYear.IsMatch(m.Metric) || m.Metric.Contains("2026_2027")))
    summary.AddRow(m.Metric, double.IsNaN(m.Value) ? "" : m.Value.ToString("0.###"));
AnsiConsole.Write(summary);

// ## Year by year
//
// The figures draw a `RunData`. `RunData.FromResult(result, scenario)` builds it from the result in memory; it is
// exactly what reading back the directory `marketsim run --out DIR` writes gives (`RunData.Load(DIR)`). The run is
// also written as that directory (the four files of the output contract) with `RunOutput.Write`, for pandas, R or
// DuckDB. `Yearly` collapses a monthly series with its aggregation: flows are summed over the year, stocks take the
// December value, levels the mean.
var run = RunData.FromResult(result, scenario);
var runDir = Path.Combine(output, "baseline-1");
RunOutput.Write(runDir, scenario, result);
Console.WriteLine($"wrote {runDir}: " + string.Join(", ", Directory.GetFiles(runDir).Select(Path.GetFileName).Order()));

double CloudTotal(string metric, int year) => run.Agents("cloud").Sum(cloud => run.Yearly(cloud, metric)![year]);
double Market(string metric, int year) => run.Yearly("Market", metric)![year];
var yearly = new Table { Title = new TableTitle("Clouds and market per year (USD bn unless named)") }
    .AddColumns("year", "cloud AI capex", "AI revenue", "Sequoia required", "token USD/M", "GPU-h rent USD", "MW stranded");
foreach (var column in yearly.Columns.Skip(1)) column.RightAligned();
for (var i = 0; i < run.Years.Count; i++)
{
    yearly.AddRow(run.Years[i].ToString(), CloudTotal("ai_capex_usd_bn", i).ToString("F0"),
        Market("ai_revenue_usd_bn", i).ToString("F0"),
        Market("cahn_required_revenue_usd_bn", i).ToString("F0"), Market("token_price_usd_per_mtok", i).ToString("F3"),
        Market("gpu_hour_price_usd", i).ToString("F2"), Market("stranded_mw", i).ToString("F0"));
}
AnsiConsole.Write(yearly);

// A few monthly series straight from the result: each cloud's utilization (hours served over hours installed, per
// cent) every December, one column per cloud, and for the whole market the hours labs contracted but left idle (billed,
// not served, so not counted as use).
var clouds = result.Series.Where(s => s.Kind == "cloud" && s.Metric == "utilization").ToList();
var idle = result.Series.Single(s => s.Agent == "Market" && s.Metric == "contracted_idle_share");
var utilization = new Table { Title = new TableTitle("Cloud utilization in December (%)") }.AddColumn("year");
foreach (var cloud in clouds) utilization.AddColumn(new TableColumn(cloud.Agent).RightAligned());
utilization.AddColumn(new TableColumn("contracted idle").RightAligned());
foreach (var (date, step) in result.Dates.Select((date, step) => (date, step)).Where(d => d.date.EndsWith("-12")))
    utilization.AddRow([date[..4], .. clouds.Select(c => (100 * c.Values[step]).ToString("F1")), (100 * idle.Values[step]).ToString("F1")]);
AnsiConsole.Write(utilization);

// ## Events by rule
//
// Every decision leaves an event whose detail starts with `rule=<Name>`: the rule that made it. Grouping by event and
// rule shows who did what: ForecastCapacity is the clouds' default capacity rule (shells started, chips ordered),
// MultiCloudProcurement the labs' way of buying compute, SentimentFinancing their equity rounds.
static string RuleOf(SimEvent e) => e.Detail.Split(' ')[0]["rule=".Length..];
var byRule = new Table { Title = new TableTitle("Events by rule") }
    .AddColumns("event", "rule").AddColumn(new TableColumn("count").RightAligned())
    .AddColumn(new TableColumn("USD bn").RightAligned());
var groups = result.Events.GroupBy(e => (e.Event, Rule: RuleOf(e)));
foreach (var g in groups.OrderBy(g => g.Key.Event).ThenBy(g => g.Key.Rule))
    byRule.AddRow(g.Key.Event, g.Key.Rule, g.Count().ToString(), g.Sum(e => e.AmountUsdBn).ToString("F1"));
AnsiConsole.Write(byRule);

// Defaults and write-downs are where the capex goes wrong. The first few, as events.csv holds them (an empty table
// means none happened).
var losses = new Table { Title = new TableTitle("First defaults and write-downs") }
    .AddColumns("date", "agent", "event").AddColumn(new TableColumn("USD bn").RightAligned()).AddColumn("detail");
foreach (var e in result.Events.Where(e => e.Event is "Default" or "WriteDown").Take(10))
    losses.AddRow(e.Date, e.Agent, e.Event, e.AmountUsdBn.ToString("F2"), Markup.Escape(e.Detail));
AnsiConsole.Write(losses);

// ## Figures
//
// `RunFigures.Build(run)` draws the five figures `marketsim run` puts in plots/ and in report.html: each has a name,
// a title, a one-sentence caption and its ScottPlot panels (change them, or compose your own). `FigureFiles.Write`
// saves them as PNG and SVG in the run directory's plots/ folder.
var figures = RunFigures.Build(run);
var written = FigureFiles.Write(figures, runDir);
foreach (var figure in figures) Console.WriteLine($"{figure.Name}.png: {figure.Title}. {figure.Caption}");
Console.WriteLine($"figures: {written.Count} files in {Path.Combine(runDir, "plots")}");

// ## Verdict
//
// The run's answer to the question: `justified` is 1 when what end users pay for AI gives the 2026-2027 cohort a
// non-negative NPV at its owners' cost of capital (the end users' lens); `justified_owners` asks the same of what its
// owners are paid, including labs' payments funded by investors and parents (the owners' lens). Sequoia's arithmetic
// compares the revenue that chip spending requires with what end users pay, on all chipmakers' revenue (as Sequoia
// did) and on the modelled clouds' own chip purchases.
double S(string metric) => result.SummaryValue(metric);
Console.WriteLine($"2026-2027 capex: {S("capex_2026_2027_usd_bn"):F0} USD bn, " +
    $"of it AI {S("ai_capex_2026_2027_usd_bn"):F0}; " +
    $"end-user AI revenue over the same years: {S("ai_revenue_2026_2027_usd_bn"):F0} USD bn");
Console.WriteLine($"cohort NPV, end users' lens: {S("enduser_cohort_2026_2027_npv_usd_bn"):F1} USD bn; " +
    $"owners' lens: {S("cohort_2026_2027_npv_usd_bn"):F1} USD bn (IRR {100 * S("cohort_2026_2027_irr"):F1}%, " +
    $"payback year {S("cohort_2026_2027_payback_year")}); investor and parent money in the owners' flows: " +
    $"{S("investor_subsidy_2026_2027_usd_bn"):F1} USD bn");
Console.WriteLine($"Sequoia's required revenue: {S("cahn_required_revenue_all_chipmakers_usd_bn"):F0} USD bn a year on " +
    $"all chipmakers' revenue, {S("cahn_required_revenue_modelled_clouds_usd_bn"):F0} on the modelled clouds' purchases");
Console.WriteLine($"defaults: {S("defaults")}, write-downs: {S("write_downs_usd_bn"):F1} USD bn, " +
    $"stranded MW in 2030: {S("stranded_mw_2030"):F0}");
Console.WriteLine(S("justified") == 1
    ? "verdict: justified - in this run what end users pay earns the 2026-2027 cohort back its cost of capital"
    : "verdict: not justified - in this run what end users pay does not earn the 2026-2027 cohort back its cost of capital");

// One run is one possible world with one seed. Walkthrough 2 changes a decision rule, and walkthrough 3 sweeps the
// uncertain parameters to see how often the verdict holds.
