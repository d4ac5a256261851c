using System.Diagnostics;
using MarketSim.Plots.Input;
using MarketSim.Plots.Rendering;
using ScottPlot;

namespace MarketSim.Plots.Run;

/// <summary>The five figures of one run. <see cref="Build"/> is the in-memory entry point (notebooks);
/// <see cref="DrawAll"/> reads a run directory and writes DIR/plots/*.png and *.svg.</summary>
public static class RunFigures
{
    /// <summary>Reads <paramref name="runDir"/> and writes every figure as PNG and SVG into runDir/plots; returns the
    /// written paths in figure order (png, svg, png, svg, ...).</summary>
    public static IReadOnlyList<string> DrawAll(string runDir) =>
        FigureFiles.Write(Build(RunData.Load(runDir)), runDir);

    /// <summary>Same as <see cref="DrawAll(string)"/>, also reporting how long drawing took.</summary>
    public static IReadOnlyList<string> DrawAll(string runDir, out TimeSpan elapsed)
    {
        var clock = Stopwatch.StartNew();
        var paths = DrawAll(runDir);
        elapsed = clock.Elapsed;
        return paths;
    }

    public static IReadOnlyList<Figure> Build(RunData run) =>
    [
        CapexVsRevenue(run),
        ComputeAndUtilization(run),
        Prices(run),
        CashAndDebt(run),
        SentimentTimeline(run),
    ];

    public static Figure CapexVsRevenue(RunData run)
    {
        var years = run.Years.Select(y => (double)y).ToArray();
        var plot = Panels.Create(null, "Year (left bar: capex, right bar: end-user AI revenue)", "USD bn per year");
        var clouds = run.Agents("cloud");
        var labs = run.Agents("lab");
        var capex = clouds.Where(c => run.Has(c, "capex_usd_bn"))
            .Select(c => new Draw.Layer(c, CompanyColors.Of(c), run.Yearly(c, "capex_usd_bn")!)).ToList();
        var revenue = labs.Where(l => run.Has(l, "revenue_usd_bn"))
            .Select(l => new Draw.Layer(l, CompanyColors.Of(l), run.Yearly(l, "revenue_usd_bn")!, Hatched: true))
            .Concat(clouds.Where(c => run.Has(c, "direct_ai_revenue_usd_bn"))
                .Select(c => new Draw.Layer(c, CompanyColors.Of(c), run.Yearly(c, "direct_ai_revenue_usd_bn")!)))
            .ToList();
        Draw.StackedBars(plot, years, -0.2, 0.38, capex);
        Draw.StackedBars(plot, years, 0.2, 0.38, revenue);
        var legend = capex.Select(l => Draw.FillItem(l.Label, l.Color))
            .Concat(revenue.Where(l => capex.All(c => c.Label != l.Label))
                .Select(l => Draw.FillItem($"{l.Label} (lab)", l.Color))).ToList();
        if (run.Yearly("Market", "cahn_required_revenue_usd_bn") is { } required)
        {
            var line = Draw.Line(plot, years, required, "", CompanyColors.Black, LinePattern.Solid, 3);
            line.MarkerSize = 9;
            line.MarkerShape = MarkerShape.FilledCircle;
            legend.Add(new LegendItem { LabelText = "Required revenue (Cahn)", LineColor = CompanyColors.Black, LineWidth = 3 });
        }
        if (capex.Count == 0 && revenue.Count == 0) Draw.NoData(plot, "capex_usd_bn / revenue_usd_bn");
        plot.Axes.Margins(bottom: 0);
        Panels.YearTicks(plot, run.Years[0], run.Years[^1]);
        plot.Legend.ManualItems.AddRange(legend);
        plot.ShowLegend(Edge.Right);
        return new Figure("capex_vs_revenue", "Cloud capex vs end-user AI revenue by year, stacked by company",
            "Clouds' capital spending (left bars) against the AI revenue that end users pay labs and clouds " +
            "(right bars, labs hatched), with the revenue Cahn's rule says the capex requires (line).",
            run.Note, [plot]);
    }

    public static Figure ComputeAndUtilization(RunData run)
    {
        var x = run.MonthX;
        var compute = Panels.Create(null, "", "Installed (million H100e)");
        var utilization = Panels.Create(null, "Year", "Utilization (%)");
        var clouds = run.Agents("cloud");
        foreach (var c in clouds)
        {
            if (run.Monthly(c, "installed_compute_h100e") is { } ic)
                Draw.Line(compute, x, ic.Select(v => v / 1e6).ToArray(), c, CompanyColors.Of(c));
            if (run.Monthly(c, "utilization") is { } u)
                Draw.Line(utilization, x, u.Select(v => v * 100).ToArray(), c, CompanyColors.Of(c));
        }
        if (!clouds.Any(c => run.Has(c, "installed_compute_h100e"))) Draw.NoData(compute, "installed_compute_h100e");
        if (!clouds.Any(c => run.Has(c, "utilization"))) Draw.NoData(utilization, "utilization");
        foreach (var p in new[] { compute, utilization }) Panels.YearTicks(p, run.Years[0], run.Years[^1]);
        Panels.SharedLegend([compute, utilization], 175);
        utilization.Axes.SetLimitsY(0, 105);
        return new Figure("compute_utilization", "Installed compute and utilization by cloud",
            "Each cloud's installed accelerators in H100-equivalents (top) and the share of them in paid use (bottom).",
            run.Note, [compute, utilization]);
    }

    public static Figure Prices(RunData run)
    {
        var x = run.MonthX;
        var token = Panels.Create(null, "", "USD per million tokens");
        var gpu = Panels.Create(null, "Year", "USD per H100e-hour");
        if (run.Monthly("Market", "token_price_usd_per_mtok") is { } tp)
        {
            var (values, log) = Draw.MaybeLog(tp);
            Draw.Line(token, x, values, log ? "Token price (log scale)" : "Token price", CompanyColors.Blue);
            if (log)
            {
                var finite = values.Where(double.IsFinite).ToArray();
                Panels.LogTicks(token, token.Axes.Left, finite.Min(), finite.Max(), "G4");
                token.YLabel("USD per million tokens (log)", Panels.LabelSize);
            }
        }
        else Draw.NoData(token, "token_price_usd_per_mtok");
        if (run.Monthly("Market", "gpu_hour_price_usd") is { } gp) Draw.Line(gpu, x, gp, "GPU-hour price", CompanyColors.Vermillion);
        else Draw.NoData(gpu, "gpu_hour_price_usd");
        foreach (var p in new[] { token, gpu })
        {
            Panels.YearTicks(p, run.Years[0], run.Years[^1]);
            p.ShowLegend(Alignment.UpperRight);
        }
        return new Figure("prices", "Market prices: tokens and GPU-hours",
            "The market price of inference tokens (top) and of renting one H100-equivalent GPU for an hour (bottom).",
            run.Note, [token, gpu]);
    }

    public static Figure CashAndDebt(RunData run)
    {
        var x = run.MonthX;
        var cash = Panels.Create(null, "", "Cash (USD bn)");
        var debt = Panels.Create(null, "Year", "Debt (USD bn)");
        // Clouds and labs carry the capex and the revenue; chipmakers would crowd the legend past readability.
        var companies = run.Agents("cloud").Concat(run.Agents("lab")).ToList();
        foreach (var c in companies)
        {
            if (run.Monthly(c, "cash_usd_bn") is { } v) Draw.Line(cash, x, v, c, CompanyColors.Of(c), Draw.PatternOf(c), 2);
            if (run.Monthly(c, "debt_usd_bn") is { } d) Draw.Line(debt, x, d, c, CompanyColors.Of(c), Draw.PatternOf(c), 2);
        }
        if (!companies.Any(c => run.Has(c, "cash_usd_bn"))) Draw.NoData(cash, "cash_usd_bn");
        if (!companies.Any(c => run.Has(c, "debt_usd_bn"))) Draw.NoData(debt, "debt_usd_bn");
        foreach (var p in new[] { cash, debt }) Panels.YearTicks(p, run.Years[0], run.Years[^1]);
        Panels.SharedLegend([cash, debt], 210);
        return new Figure("cash_debt", "Cash and debt of clouds (solid) and labs (dashed)",
            "Month-end cash (top) and debt (bottom) of each cloud and lab; a lab running out of cash is a default risk.",
            run.Note, [cash, debt]);
    }

    public static Figure SentimentTimeline(RunData run)
    {
        var x = run.MonthX;
        var plot = Panels.Create(null, "Year", "Investor sentiment (index, 1 = neutral)");
        var sentiment = run.Monthly("Market", "sentiment");
        if (sentiment is not null) Draw.Line(plot, x, sentiment, "Investor sentiment", CompanyColors.Blue, width: 3);
        else Draw.NoData(plot, "Market sentiment");
        var defaults = run.Events.Where(e => e.Event == "Default").ToList();
        var finite = sentiment?.Where(double.IsFinite).DefaultIfEmpty(1).ToArray() ?? [1.0];
        var (top, range) = (finite.Max(), Math.Max(1e-9, finite.Max() - finite.Min()));
        for (var i = 0; i < defaults.Count; i++)
        {
            var e = defaults[i];
            plot.Add.VerticalLine(Annual.XOf(e.Date), 2, CompanyColors.Vermillion, LinePattern.Dashed);
            // Labels inside the data area, staggered so defaults close in time stay legible.
            var label = plot.Add.Text($"{e.Agent} default", Annual.XOf(e.Date), top - range * 0.07 * (i % 5));
            label.LabelFontSize = 14;
            label.LabelFontName = EmbeddedFonts.Family;
            label.LabelFontColor = CompanyColors.Vermillion;
            label.LabelAlignment = Alignment.UpperLeft;
            label.OffsetX = 5;
        }
        var deals = run.Events.Where(e => e.Detail.StartsWith("rule=AnnouncedDeal", StringComparison.Ordinal))
            .ToList();
        if (deals.Count > 0)
        {
            var dx = deals.Select(e => Annual.XOf(e.Date)).ToArray();
            var dy = deals.Select(e => sentiment is null ? 0 : ValueAt(run, sentiment, e.Step)).ToArray();
            var markers = plot.Add.Markers(dx, dy, MarkerShape.FilledTriangleUp, 14, CompanyColors.Orange);
            markers.LegendText = $"Announced deal ({deals.Count})";
        }
        if (defaults.Count > 0)
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = $"Default ({defaults.Count})", LineColor = CompanyColors.Vermillion, LineWidth = 2,
                LinePattern = LinePattern.Dashed,
            });
        }
        Panels.YearTicks(plot, run.Years[0], run.Years[^1]);
        plot.ShowLegend(Alignment.LowerLeft);
        return new Figure("sentiment_events", "Investor sentiment with defaults and announced deals",
            $"Investor sentiment over time; dashed lines mark the {defaults.Count} default(s) and triangles the " +
            $"{deals.Count} announced deal(s).", run.Note, [plot]);
    }

    private static double ValueAt(RunData run, double[] series, int step)
    {
        var i = Math.Clamp(step, 0, series.Length - 1);
        return double.IsFinite(series[i]) ? series[i] : 0;
    }
}
