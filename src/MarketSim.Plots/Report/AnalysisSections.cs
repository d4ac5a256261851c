using System.Globalization;
using MarketSim.Data.Sweeps;
using MarketSim.Plots.Input;

namespace MarketSim.Plots.Report;

/// <summary>The sweep report's tables of the analysis files that exist: PRIM boxes, moment-independent indices, feature scores.</summary>
internal static class AnalysisSections
{
    public static void Add(Html html, SweepFigureInput sweep)
    {
        if (sweep.Prim is { Count: > 0 } prim) Boxes(html, prim);
        if (sweep.Delta is { Count: > 0 } delta) Moments(html, delta, sweep.Pawn);
        if (sweep.FeatureScores is { Count: > 0 } features) Features(html, features);
    }

    private static void Boxes(Html html, IReadOnlyList<DiscoveryRow> rows)
    {
        html.H2("Scenario discovery: the selected PRIM boxes");
        html.P("Each box's selected step, with its restrictions. The quasi-p value of a limit is the binomial chance " +
            "of the box's density if that limit were dropped: tiny for a restriction that matters, large for one that " +
            "only trims noise.", "muted");
        html.Table(["Target", "Box", "Step", "Coverage", "Density", "Mass", "Restriction", "Quasi-p"],
            rows.Where(r => r.Selected).Select(r => (IReadOnlyList<string>)[r.Target, r.Box.ToString(CultureInfo.InvariantCulture), r.Step.ToString(CultureInfo.InvariantCulture),
                Html.Percent(r.Coverage, "0"), Html.Percent(r.Density, "0"), Html.Percent(r.Mass, "0"), Restriction(r), QuasiP(r)]));
    }

    private static string Restriction(DiscoveryRow r) => r.Parameter.Length == 0 ? "none"
        : r.Values.Length > 0 ? $"{r.Parameter} in {{{r.Values.Replace("|", ", ")}}}"
        : $"{Short(r.Low)} <= {r.Parameter} <= {Short(r.High)}";

    private static string QuasiP(DiscoveryRow r) => string.Join(" / ", new[] { r.QpLow, r.QpHigh }.OfType<double>().Where(double.IsFinite)
        .Select(q => q.ToString("0.##E+0", CultureInfo.InvariantCulture)));

    private static string Short(double? value) => value?.ToString("G4", CultureInfo.InvariantCulture) ?? "";

    private static void Moments(Html html, IReadOnlyList<DeltaRow> delta, IReadOnlyList<PawnRow>? pawn)
    {
        html.H2("Moment-independent indices");
        var pawnOf = (pawn ?? []).ToDictionary(p => (p.Metric, p.Parameter));
        html.Table(["Metric", "Parameter", "delta", "PAWN median", "S1 (given data)"], delta.OrderBy(d => d.Metric, StringComparer.Ordinal)
            .ThenByDescending(d => d.Delta).Select(d => (IReadOnlyList<string>)[d.Metric, d.Parameter, WithConf(d.Delta, d.DeltaConf),
                pawnOf.TryGetValue((d.Metric, d.Parameter), out var p) ? WithConf(p.Median, p.MedianConf) : "n/a", WithConf(d.S1, d.S1Conf)]));
    }

    private static void Features(Html html, IReadOnlyList<FeatureScoreRow> rows)
    {
        html.H2("Feature scores (extra trees)");
        html.Table(["Target", "Mode", "Parameter", "Score"], rows.GroupBy(r => r.Target).SelectMany(g => g.OrderByDescending(r => r.Score))
            .Select(r => (IReadOnlyList<string>)[r.Target, r.Mode, r.Parameter, Html.Number(r.Score, "0.000")]));
    }

    private static string WithConf(double value, double conf) =>
        $"{Html.Number(value, "0.000")} (+/- {Html.Number(conf, "0.000")})";
}
