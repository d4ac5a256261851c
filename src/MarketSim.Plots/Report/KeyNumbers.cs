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
        ("cahn_required_revenue_usd_bn", "Required revenue (Cahn)", Html.Usd),
        ("revenue_gap_usd_bn", "Revenue gap", Html.Usd),
        ("cohort_2026_2027_npv_usd_bn", "Cohort 2026-2027 NPV", Html.Usd),
        ("cohort_2026_2027_irr", "Cohort 2026-2027 IRR", v => Html.Percent(v)),
        ("cohort_2026_2027_payback_year", "Cohort payback year", v => Html.Number(v, "0")),
        ("defaults", "Defaults", v => Html.Number(v, "0.##")),
    ];

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
