#:project ../src/MarketSim.Plots
#:project ../src/MarketSim.Experiments
#:package Spectre.Console

// # 3. Sweep and sensitivity
//
// One run is one possible world. This walkthrough defines a small Saltelli sweep over three uncertain parameters in
// code and runs it in memory, through the same experiments library `marketsim sweep` uses, then the same analysis as
// `marketsim analyze`: Sobol indices (which parameter drives the cohort NPV) and the verdict share (how often the
// 2026-2027 capex is justified) with its 95% Wilson interval, and the sweep figures. Every table is a list of typed
// rows; nothing here reads a CSV file back. Run it with
//
//     dotnet run notebooks/03-sweep-and-sensitivity.cs
//
// It is deliberately small (N = 32 base samples, 160 runs) so that it finishes in well under a minute; the estimates
// are rough, and their bootstrap intervals say how rough. For real studies, run the command line on a spec file (see
// experiments/README.md), and read the results with notebooks/read-a-sweep.ipynb.

using System.Diagnostics;
using System.Text.RegularExpressions;
using MarketSim.Analysis;
using MarketSim.Analysis.Sweeps;
using MarketSim.Experiments;
using MarketSim.Experiments.Specs;
using MarketSim.Plots.Input;
using MarketSim.Plots.Rendering;
using MarketSim.Plots.Sweep;
using Spectre.Console;

// Everything this walkthrough writes goes to results/notebooks/03-sweep-and-sensitivity/ at the repository root
// (git ignores results/). The path starts from this file's folder, so it does not matter where you run it from.
var notebooks = (string)AppContext.GetData("EntryPointFileDirectoryPath")!;
var output = Path.GetFullPath(Path.Combine(notebooks, "..", "results", "notebooks", "03-sweep-and-sensitivity"));

// ## The sweep
//
// `Sweep.Define` builds the sweep a spec file would describe (fields in experiments/README.md): the baseline scenario,
// three parameters (two ranges, and the clouds' capacity rule from walkthrough 2 as a categorical), Saltelli's design
// with N base samples (N(D+2) = 160 runs for D = 3), and annual revenue and capex series for the fan chart.
// `ToSpec()` checks it with the spec file parser itself: an unknown key or an impossible range is one clear
// SpecException; `ToJson()` is the spec file it stands for.
var definition = Sweep.Define("notebook-sensitivity").Scenario("baseline").Seed(7).Replications(1)
    .Vary("Demand:PriceElasticity", 0.4, 1.8)
    .Vary("Hardware:MaxLifeYears", 3, 10)
    .Vary("Policies:Capacity", ["ForecastCapacity", "ContractBackedCapacity"])
    .Sampler(Sampler.Saltelli(32))
    .Timeseries(TimeseriesOutput.Annual, "revenue_usd_bn", "capex_usd_bn");
var spec = definition.ToSpec();
Console.WriteLine($"{spec.Name}: {spec.Design.Sampler} with N = {spec.Design.Samples} over " +
    string.Join(", ", spec.Parameters.Select(p => p.Key)));

// ## Run it
//
// `Run(workers: 2)` runs the sweep in memory, through the same runner as `marketsim sweep`, and returns its tables as
// typed rows in run-id order, whatever the number of workers: `Design` (one row per run: design row, seed, parameter
// values), `Summary` (every metric of every run), `Runs` (status and seconds) and `Timeseries`. `WriteTo(dir)` writes
// them as the sweep directory the command writes (design.csv, summary.csv, timeseries.csv, runs.csv, manifest.json),
// for pandas, R or DuckDB (notebooks/read-a-sweep.ipynb reads it).
var clock = Stopwatch.StartNew();
var sweep = definition.Run(workers: 2);
Console.WriteLine($"{sweep.Runs!.Count} runs ({sweep.Runs.Count(r => !r.Ok)} failed) in {clock.Elapsed.TotalSeconds:F1} s: " +
    $"{sweep.Summary.Count} summary rows, {sweep.Timeseries!.Count} timeseries rows");
var sweepDir = Path.Combine(output, spec.Name);
if (Directory.Exists(sweepDir)) Directory.Delete(sweepDir, recursive: true);
sweep.WriteTo(sweepDir);
Console.WriteLine($"written to {sweepDir}");

// ## Analysis
//
// `sweep.Analyze(settings)` is `marketsim analyze` on the tables in memory: the Sobol indices of every metric, the
// verdict and the PRIM boxes, without reading or writing a file (`SweepAnalysis.Run(dir, settings)` does the same for a
// directory and writes DIR/analysis/). The bootstrap resamples the base samples for the confidence half-widths.
var analysis = sweep.Analyze(new AnalysisSettings(Bootstrap: 1000, Seed: 0));
foreach (var line in analysis.SummaryLines()) Console.WriteLine(line);
foreach (var note in analysis.Notes) Console.WriteLine($"note: {note}");

// The first design rows are A_0, then A_0 with each column taken from B_0 in turn, then B_0 (Saltelli's layout), each
// with the cohort NPV its run gave.
var npv = sweep.Metric(AnalysisResult.HeadlineMetric);
var parameters = sweep.Manifest.Parameters;
var keys = parameters.Select(p => p.Key).ToList();
// Column headers name a parameter by the last part of its key, in words: Demand:PriceElasticity is "price elasticity".
static string Words(string key) =>
    Regex.Replace(key[(key.LastIndexOf(':') + 1)..], "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();
var design = new Table { Title = new TableTitle("The first two Saltelli blocks") }.AddColumn("run");
// A categorical value stays on one line; the numbers' headers wrap to make room for it.
foreach (var p in parameters)
{
    var column = new TableColumn(Words(p.Key));
    design.AddColumn(p.IsCategorical ? column.NoWrap() : column.RightAligned());
}
design.AddColumn(new TableColumn("NPV USD bn").RightAligned());
foreach (var run in sweep.Design.Take(2 * (keys.Count + 2)))
{
    var values = run.Values.Select(text => double.TryParse(text, out var x) ? x.ToString("0.###") : text);
    design.AddRow([run.RunId.ToString(), .. values, npv[run.RunId].ToString("F0")]);
}
AnsiConsole.Write(design);

// ### Sobol indices of the cohort NPV
//
// S1 is the share of the NPV's variance a parameter explains alone; ST includes its interactions with the others.
// ST much larger than S1 means the parameter matters through interactions; the ± columns are 95% bootstrap
// half-widths (with N = 32 they are wide: read the ranking, not the decimals).
var sobol = analysis.Sobol.Single(s => s.Metric == AnalysisResult.HeadlineMetric).Result;
var indices = new Table { Title = new TableTitle($"Sobol indices of {AnalysisResult.HeadlineMetric}") }
    .AddColumn("parameter")
    .AddColumns(new[] { "S1", "±", "ST", "±" }.Select(h => new TableColumn(h).RightAligned()).ToArray());
foreach (var j in Enumerable.Range(0, keys.Count).OrderByDescending(j => sobol.ST[j]))
    indices.AddRow(keys[j], $"{sobol.S1[j]:F3}", $"{sobol.S1Conf[j]:F3}", $"{sobol.ST[j]:F3}", $"{sobol.STConf[j]:F3}");
AnsiConsole.Write(indices);

// The same indices for a few other outputs (ST only): what drives revenue is not what drives the write-downs.
string[] outputs =
    ["enduser_cohort_2026_2027_npv_usd_bn", "cohort_2026_2027_npv_usd_bn", "ai_revenue_2026_2027_usd_bn", "write_downs_usd_bn"];
var others = new Table { Title = new TableTitle("Total-order index ST by output") }
    .AddColumn(new TableColumn("metric").NoWrap());
foreach (var key in keys) others.AddColumn(new TableColumn(Words(key)).RightAligned());
foreach (var s in analysis.Sobol.Where(s => outputs.Contains(s.Metric)))
    others.AddRow([s.Metric, .. s.Result.ST.Select(st => st.ToString("F3"))]);
AnsiConsole.Write(others);

// ### The verdict share
//
// `justified` is 1 in a run whose 2026-2027 cohort NPV on the end users' lens is at least zero (empty, and left out,
// in a run that does not hold the whole cohort). The share of justified runs comes with a 95%
// Wilson score interval, which stays inside [0, 1] and keeps its coverage near 0 and 1. The analysis also splits the
// runs by each categorical parameter, here the capacity rule.
var verdict = new Table { Title = new TableTitle("Share of justified runs, with its 95% Wilson interval") }
    .AddColumn(new TableColumn("group").NoWrap())
    .AddColumns(new[] { "justified", "share", "low", "high" }.Select(h => new TableColumn(h).RightAligned()).ToArray());
foreach (var v in analysis.Verdict)
{
    verdict.AddRow(v.Group, $"{v.Justified} of {v.Runs}",
        $"{v.Interval.Share:F3}", $"{v.Interval.Low:F3}", $"{v.Interval.High:F3}");
}
AnsiConsole.Write(verdict);

// The interval is `WilsonInterval.Compute(successes, n)`; the same call works on any count, e.g. 8 of 10.
var all = analysis.Verdict.Single(v => v.Group == "all");
var wilson = WilsonInterval.Compute(all.Justified, all.Runs);
var eightOfTen = WilsonInterval.Compute(8, 10);
Console.WriteLine($"justified in {all.Justified} of {all.Runs} runs: {100 * wilson.Share:F1}% " +
    $"(95% Wilson interval {100 * wilson.Low:F1}% to {100 * wilson.High:F1}%)");
Console.WriteLine($"8 of 10 would give {eightOfTen.Low:F3} to {eightOfTen.High:F3}");

// ## Figures
//
// `SweepFigures.Build` draws what `marketsim report DIR` puts in the sweep report, here from the sweep and its analysis
// in memory (`SweepFigureInput.From(sweep, analysis)`; `SweepFigureInput.Load(dir)` reads a directory): revenue and
// capex fans across runs, the NPV histogram, the justified share over two parameters, the Sobol indices and the PRIM
// trade-off. A figure whose inputs are missing is skipped with the reason. `FigureFiles.Write` saves them in the
// sweep's plots/ folder.
var input = SweepFigureInput.From(sweep, analysis);
var (figures, skipped) = SweepFigures.Build(input);
foreach (var figure in figures) Console.WriteLine($"{figure.Name}.png: {figure.Title}. {figure.Caption}");
foreach (var s in skipped) Console.WriteLine($"skipped {s.Name}: {s.Reason}");
Console.WriteLine($"figures: {FigureFiles.Write(figures, sweepDir).Count} files in {Path.Combine(sweepDir, "plots")}");

// How to read it. The verdict groups split the runs by the categorical parameter: when one capacity rule is justified
// in nearly every run and the other in nearly none, that rule, not the two ranges, carries the verdict, and the Sobol
// indices of the NPV say the same. The heatmap over the two continuous parameters then shows mostly the mix of rules
// in each cell; `SweepFigures.Build(input, ("Policies:Capacity", "Demand:PriceElasticity"))` chooses its axes.
//
// ## Try next
//
// 1. Double the samples, `Sampler.Saltelli(64)` (twice the runs), and watch the ± half-widths shrink roughly by
//    1/sqrt(2).
// 2. Add a fourth parameter, e.g. `.Vary("Trends:AlgorithmicHalvingMonths", 4, 16, ParameterScale.Log)`: does it take
//    variance away from the price elasticity?
// 3. Use `Sampler.Saltelli(32, secondOrder: true)` and read analysis.Sobol[..].Result.S2 for the pairwise interactions.
// 4. Switch to `Sampler.Morris(trajectories: 20)` and compare the ranking by mu* in analysis.Morris.
