using System.Globalization;
using MarketSim.Core.Results;

namespace MarketSim.Cli.Commands;

/// <summary>The few numbers a reader of one run wants first: did 2026-2027 capex pay off?</summary>
internal static class RunSummaryText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(TextWriter stdout, RunResult result, string outDir)
    {
        var span = result.Dates.Count == 0 ? "no months" : $"{result.Dates[0]} to {result.Dates[^1]}";
        stdout.WriteLine($"Scenario {result.ScenarioName}, seed {result.Seed}, {span}");
        Line(stdout, "Capex 2026-2027", Money(result, "capex_2026_2027_usd_bn"));
        Line(stdout, "AI revenue 2026-2027", Money(result, "ai_revenue_2026_2027_usd_bn"));
        Line(stdout, "Required revenue (Sequoia)", Money(result, "cahn_required_revenue_all_chipmakers_usd_bn", " per year, on all chipmakers' revenue"));
        Line(stdout, "", Money(result, "cahn_required_revenue_modelled_clouds_usd_bn", " per year, on the modelled clouds' chip purchases"));
        Line(stdout, "Cohort capex", Money(result, "cohort_2026_2027_capex_usd_bn", " (chips and the shells they occupy)"));
        Line(stdout, "Cohort NPV, end users", Money(result, "enduser_cohort_2026_2027_npv_usd_bn"));
        Line(stdout, "Cohort NPV, owners", Money(result, "cohort_2026_2027_npv_usd_bn"));
        Line(stdout, "Investor subsidy", Money(result, "investor_subsidy_2026_2027_usd_bn", " (PV of investor and parent money in the owners' flows)"));
        Line(stdout, "Cohort IRR, owners", Format(result, "cohort_2026_2027_irr", v => (v * 100).ToString("F1", Invariant) + " %"));
        Line(stdout, "Defaults", Format(result, "defaults", v => v.ToString("F0", Invariant)));
        Line(stdout, "Verdict, end users", Verdict(result, "justified"));
        Line(stdout, "Verdict, owners", Verdict(result, "justified_owners"));
        stdout.WriteLine("  The end users' lens counts what end users pay for AI; the owners' lens adds labs' payments funded by investors and parents.");
        Line(stdout, "Output", outDir);
    }

    private static void Line(TextWriter stdout, string label, string value) => stdout.WriteLine($"  {label,-28}{value}");

    private static string Money(RunResult result, string metric, string suffix = "") =>
        Format(result, metric, v => v.ToString("F1", Invariant) + " USD bn" + suffix);

    private static string Format(RunResult result, string metric, Func<double, string> format) =>
        Find(result, metric) is { } value && !double.IsNaN(value) ? format(value) : "n/a";

    /// <summary>The summary's verdict flag: 1 justified, 0 not; NaN when the run does not hold the whole cohort.</summary>
    private static string Verdict(RunResult result, string metric) => Find(result, metric) switch
    {
        null => "n/a",
        double.NaN => "no verdict (a run needs all of 2026-2027 and to end in 2028 or later)",
        >= 1 => "justified",
        _ => "not justified",
    };

    private static double? Find(RunResult result, string metric) =>
        result.Summary.FirstOrDefault(m => m.Metric == metric)?.Value;
}
