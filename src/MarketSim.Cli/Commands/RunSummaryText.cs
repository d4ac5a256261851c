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
        Line(stdout, "Cahn required revenue", Money(result, "cahn_required_revenue_usd_bn", " per year"));
        Line(stdout, "Revenue gap", Money(result, "revenue_gap_usd_bn", " per year"));
        Line(stdout, "2026-2027 cohort NPV", Money(result, "cohort_2026_2027_npv_usd_bn"));
        Line(stdout, "2026-2027 cohort IRR", Format(result, "cohort_2026_2027_irr", v => (v * 100).ToString("F1", Invariant) + " %"));
        Line(stdout, "Defaults", Format(result, "defaults", v => v.ToString("F0", Invariant)));
        Line(stdout, "Verdict", Verdict(result));
        Line(stdout, "Output", outDir);
    }

    private static void Line(TextWriter stdout, string label, string value) => stdout.WriteLine($"  {label,-24}{value}");

    private static string Money(RunResult result, string metric, string suffix = "") =>
        Format(result, metric, v => v.ToString("F1", Invariant) + " USD bn" + suffix);

    private static string Format(RunResult result, string metric, Func<double, string> format) =>
        Find(result, metric) is { } value && !double.IsNaN(value) ? format(value) : "n/a";

    private static string Verdict(RunResult result)
    {
        // The contract's verdict is the summary's `justified`; fall back to its definition (cohort NPV >= 0).
        var justified = Find(result, "justified") ?? (Find(result, "cohort_2026_2027_npv_usd_bn") is { } npv ? (npv >= 0 ? 1 : 0) : null);
        return justified switch
        {
            null => "n/a",
            >= 1 => "justified",
            _ => "not justified",
        };
    }

    private static double? Find(RunResult result, string metric) =>
        result.Summary.FirstOrDefault(m => m.Metric == metric)?.Value;
}
