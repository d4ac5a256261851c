using System.Globalization;
using MarketSim.Core.Results;
using MarketSim.Data.Sweeps;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments.Output;

/// <summary>
/// A run's result as its rows of the sweep tables: every summary metric, and the timeseries the spec asks for
/// (monthly, or each calendar year: flows summed, stocks at December, levels averaged).
/// </summary>
public sealed class RunRenderer(OutputSpec outputs)
{
    /// <summary>
    /// The contract lets these be NaN when undefined (no cohort in the run, so no verdict; no IRR; never paid back; nothing retired during the run; a
    /// year the run does not reach), written as an empty value; any other non-finite value is a failure.
    /// </summary>
    public static readonly IReadOnlySet<string> MayBeUndefined = new HashSet<string>
    {
        "cohort_2026_2027_capex_usd_bn", "enduser_cohort_2026_2027_npv_usd_bn", "justified", "cohort_2026_2027_npv_usd_bn",
        "justified_owners", "investor_subsidy_2026_2027_usd_bn", "cohort_2026_2027_irr", "cohort_2026_2027_payback_year",
        "cohort_2026_2027_last_year_in_service", "cahn_required_revenue_all_chipmakers_usd_bn",
        "revenue_gap_all_chipmakers_usd_bn", "cahn_required_revenue_modelled_clouds_usd_bn",
        "revenue_gap_modelled_clouds_usd_bn", "stranded_mw_2030", "utilization_2030", "contracted_idle_share_2030",
        "mean_retirement_age_years",
    };

    private readonly HashSet<string>? _metrics = outputs.Metrics is { } m ? [.. m] : null;

    public bool WantsTimeseries => outputs.Timeseries != TimeseriesOutput.None;

    /// <summary>Why the run counts as failed although it finished (a non-finite summary value), or null.</summary>
    public static string? Failure(RunResult result)
    {
        foreach (var m in result.Summary)
            if (!double.IsFinite(m.Value) && !(double.IsNaN(m.Value) && MayBeUndefined.Contains(m.Metric)))
                return $"summary metric {m.Metric} is {m.Value.ToString(CultureInfo.InvariantCulture)}";
        return null;
    }

    public static IEnumerable<SweepSummaryRow> Summary(long runId, RunResult result) =>
        result.Summary.Select(m => new SweepSummaryRow(runId, m.Metric, m.Value));

    public IEnumerable<SweepTimeseriesRow> Timeseries(long runId, RunResult result) => outputs.Timeseries switch
    {
        TimeseriesOutput.Monthly => Monthly(runId, result),
        TimeseriesOutput.Annual => Annual(runId, result),
        _ => [],
    };

    private bool Wanted(Series s) => _metrics is null || _metrics.Contains(s.Metric);

    private IEnumerable<SweepTimeseriesRow> Monthly(long runId, RunResult result)
    {
        foreach (var s in result.Series)
        {
            if (!Wanted(s)) continue;
            for (var step = 0; step < s.Values.Length; step++)
                yield return new SweepTimeseriesRow(runId, step, result.Dates[step], s.Agent, s.Metric, s.Values[step]);
        }
    }

    private IEnumerable<SweepTimeseriesRow> Annual(long runId, RunResult result)
    {
        var years = YearSpans(result.Dates);
        foreach (var s in result.Series)
        {
            if (!Wanted(s)) continue;
            for (var y = 0; y < years.Count; y++)
            {
                var (year, first, count) = years[y];
                yield return new SweepTimeseriesRow(runId, y, year, s.Agent, s.Metric, YearValue(s, first, count));
            }
        }
    }

    private static double YearValue(Series s, int first, int count)
    {
        if (s.Aggregation == Aggregation.Stock) return s.Values[first + count - 1];
        var sum = 0.0;
        for (var i = first; i < first + count; i++) sum += s.Values[i];
        return s.Aggregation == Aggregation.Flow ? sum : sum / count;
    }

    private static List<(string Year, int First, int Count)> YearSpans(IReadOnlyList<string> dates)
    {
        var spans = new List<(string, int, int)>();
        for (var i = 0; i < dates.Count;)
        {
            var year = dates[i][..4];
            var j = i;
            while (j < dates.Count && dates[j].StartsWith(year, StringComparison.Ordinal)) j++;
            spans.Add((year, i, j - i));
            i = j;
        }
        return spans;
    }
}
