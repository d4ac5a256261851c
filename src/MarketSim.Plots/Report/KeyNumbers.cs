using System.Text.Json;

namespace MarketSim.Plots.Report;

/// <summary>The headline metrics of summary.csv, how to show them, and the scenario as key/value rows.</summary>
internal static class KeyNumbers
{
    public static readonly (string Metric, string Label, Func<double, string> Format)[] Rows =
    [
        ("capex_2026_2027_usd_bn", "Capex 2026-2027", Html.Usd),
        ("ai_capex_2026_2027_usd_bn", "AI capex 2026-2027", Html.Usd),
        ("ai_revenue_2026_2027_usd_bn", "End-user AI revenue 2026-2027", Html.Usd),
        ("cahn_required_revenue_all_chipmakers_usd_bn", "Required revenue (Sequoia, on all chipmakers' revenue)", Html.Usd),
        ("revenue_gap_all_chipmakers_usd_bn", "Revenue gap (Sequoia, on all chipmakers' revenue)", Html.Usd),
        ("cahn_required_revenue_modelled_clouds_usd_bn", "Required revenue (Sequoia, on the modelled clouds' chip purchases)", Html.Usd),
        ("revenue_gap_modelled_clouds_usd_bn", "Revenue gap (Sequoia, on the modelled clouds' chip purchases)", Html.Usd),
        ("cohort_2026_2027_capex_usd_bn", "Cohort 2026-2027 capex (chips and the shells they occupy)", Html.Usd),
        ("enduser_cohort_2026_2027_npv_usd_bn", "Cohort NPV, end users' lens (the verdict)", Html.Usd),
        ("cohort_2026_2027_npv_usd_bn", "Cohort NPV, owners' lens", Html.Usd),
        ("investor_subsidy_2026_2027_usd_bn", "Investor and parent money in the owners' flows (PV)", Html.Usd),
        ("cohort_2026_2027_irr", "Cohort IRR, owners' lens", v => Html.Percent(v)),
        ("cohort_2026_2027_payback_year", "Cohort payback year, owners' lens", v => Html.Number(v, "0")),
        ("cohort_2026_2027_last_year_in_service", "Last year any of the cohort is in service", v => Html.Number(v, "0")),
        ("utilization_2030", "Utilization 2030 (hours served / installed)", v => Html.Percent(v)),
        ("contracted_idle_share_2030", "Contracted but idle 2030 (share of installed)", v => Html.Percent(v)),
        ("defaults", "Defaults", v => Html.Number(v, "0.##")),
    ];

    /// <summary>The two verdicts, shown for a single run (a sweep reports the share of justified runs instead).</summary>
    public static readonly (string Metric, string Label, Func<double, string> Format)[] VerdictRows =
    [
        ("justified", "Verdict, end users' lens", Verdict),
        ("justified_owners", "Verdict, owners' lens", Verdict),
    ];

    /// <summary>One sentence on why the two lenses differ.</summary>
    public const string LensesExplained =
        "The end users' lens counts only what end users pay for AI, less the value chain's operating costs and taxes; " +
        "the owners' lens counts what the cohort's owners are paid, including labs' payments funded by investors and " +
        "parents, so the gap between them is mostly that money.";

    /// <summary>1 justified, 0 not; undefined (NaN) when the run does not hold the whole cohort.</summary>
    public static string Verdict(double flag) => double.IsNaN(flag) ? "no verdict" : flag >= 0.5 ? "justified" : "not justified";

    /// <summary>Flattens the nested scenario into <c>Section:Key</c> rows, the same spelling as overrides use.</summary>
    public static IEnumerable<IReadOnlyList<string>> Flatten(JsonElement element, string prefix = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    foreach (var row in Flatten(p.Value, prefix.Length == 0 ? p.Name : $"{prefix}:{p.Name}")) yield return row;
                }
                break;
            case JsonValueKind.Array when element.EnumerateArray().All(e => e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)):
                yield return [prefix, "[" + string.Join(", ", element.EnumerateArray().Select(Scalar)) + "]"];
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var row in Flatten(item, $"{prefix}:{i++}")) yield return row;
                }
                break;
            default:
                yield return [prefix, Scalar(element)];
                break;
        }
    }

    private static string Scalar(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
}
