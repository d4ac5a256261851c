using System.Globalization;
using System.Text;
using MarketSim.Core.Results;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments.Output;

/// <summary>One finished run, already rendered to its table rows (rendering happens on the worker thread).</summary>
public sealed record RunRecord(long RunId, bool Ok, double Seconds, string Error, string SummaryRows, string TimeseriesRows)
{
    public string RunsRow() =>
        $"{RunId.ToString(CultureInfo.InvariantCulture)},{(Ok ? "ok" : "failed")},{Math.Round(Seconds, 4).ToString("R", CultureInfo.InvariantCulture)},{CsvText.Field(Error)}\n";

    public static RunRecord Failed(long runId, double seconds, string message) =>
        new(runId, false, seconds, message.ReplaceLineEndings(" ").Trim(), "", "");
}

/// <summary>Turns a RunResult into summary and timeseries rows; a non-finite summary value fails the run.</summary>
public sealed class RunRenderer(OutputSpec outputs)
{
    /// <summary>
    /// The contract lets these be NaN when undefined (no cohort in the run, so no verdict; no IRR; never paid back; a
    /// year the run does not reach), written as an empty value; any other non-finite value is a failure.
    /// </summary>
    private static readonly HashSet<string> MayBeUndefined =
    [
        "cohort_2026_2027_capex_usd_bn", "enduser_cohort_2026_2027_npv_usd_bn", "justified", "cohort_2026_2027_npv_usd_bn",
        "justified_owners", "investor_subsidy_2026_2027_usd_bn", "cohort_2026_2027_irr", "cohort_2026_2027_payback_year",
        "cohort_2026_2027_last_year_in_service", "cahn_required_revenue_all_chipmakers_usd_bn",
        "revenue_gap_all_chipmakers_usd_bn", "cahn_required_revenue_modelled_clouds_usd_bn",
        "revenue_gap_modelled_clouds_usd_bn", "stranded_mw_2030", "utilization_2030", "contracted_idle_share_2030",
    ];

    private readonly HashSet<string>? _metrics = outputs.Metrics is { } m ? [.. m] : null;

    public RunRecord Render(long runId, RunResult result, double seconds, StringBuilder scratch)
    {
        foreach (var m in result.Summary)
            if (!double.IsFinite(m.Value) && !(double.IsNaN(m.Value) && MayBeUndefined.Contains(m.Metric)))
                return RunRecord.Failed(runId, seconds, $"summary metric {m.Metric} is {m.Value.ToString(CultureInfo.InvariantCulture)}");

        var id = runId.ToString(CultureInfo.InvariantCulture);
        scratch.Clear();
        foreach (var m in result.Summary)
            scratch.Append(id).Append(',').AppendField(m.Metric).Append(',').AppendSummaryValue(m.Value).Append('\n');
        var summary = scratch.ToString();

        scratch.Clear();
        if (outputs.Timeseries == TimeseriesOutput.Monthly) Monthly(id, result, scratch);
        else if (outputs.Timeseries == TimeseriesOutput.Annual) Annual(id, result, scratch);
        return new RunRecord(runId, true, seconds, "", summary, scratch.ToString());
    }

    private bool Wanted(Series s) => _metrics is null || _metrics.Contains(s.Metric);

    private void Monthly(string id, RunResult result, StringBuilder sb)
    {
        foreach (var s in result.Series)
        {
            if (!Wanted(s)) continue;
            for (var step = 0; step < s.Values.Length; step++)
                sb.Append(id).Append(',').Append(step).Append(',').Append(result.Dates[step]).Append(',')
                  .AppendField(s.Agent).Append(',').AppendField(s.Metric).Append(',').AppendNumber(s.Values[step]).Append('\n');
        }
    }

    // A calendar year from its months: flows are summed, stocks take the year's last month (December), levels are averaged.
    private void Annual(string id, RunResult result, StringBuilder sb)
    {
        var years = YearSpans(result.Dates);
        foreach (var s in result.Series)
        {
            if (!Wanted(s)) continue;
            for (var y = 0; y < years.Count; y++)
            {
                var (year, first, count) = years[y];
                double value;
                if (s.Aggregation == Aggregation.Stock) value = s.Values[first + count - 1];
                else
                {
                    var sum = 0.0;
                    for (var i = first; i < first + count; i++) sum += s.Values[i];
                    value = s.Aggregation == Aggregation.Flow ? sum : sum / count;
                }
                sb.Append(id).Append(',').Append(y).Append(',').Append(year).Append(',')
                  .AppendField(s.Agent).Append(',').AppendField(s.Metric).Append(',').AppendNumber(value).Append('\n');
            }
        }
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
