using System.Text.RegularExpressions;
using MarketSim.Plots.Report;
using MarketSim.Plots.Tests.Fixtures;

namespace MarketSim.Plots.Tests;

public class ReportTests
{
    [Fact]
    public void RunReportOpensWithTheAnswerAndEmbedsEveryFigure()
    {
        using var tmp = new TempDir();
        var run = SyntheticRun.Write(tmp.Sub("run"));
        var html = File.ReadAllText(ReportWriter.Write(run));
        var body = html[html.IndexOf("<body>", StringComparison.Ordinal)..];
        Assert.Matches(new Regex("^<body>\\s*<h1>[^<]*</h1>\\s*<p class=\"answer\">In this run the 2026-2027 capex cohort is not " +
            "justified: what end users pay for AI gives it an NPV of -\\$170.5 bn at its owners&#39; cost of capital; its owners, " +
            "paid also with \\$150.0 bn of investors&#39; and parents&#39; money, see -\\$50.5 bn \\(IRR 4.1%\\)"), body);
        Assert.Equal(5, Regex.Matches(html, "src=\"data:image/png;base64,").Count);
        Assert.Contains("data-images-loaded", html);
        Assert.Contains("<td>Demand:PriceElasticity</td><td class=\"num\">1.2</td>", html);
        Assert.Contains("<td>Finance:Lenders</td><td class=\"num\">[banks, private credit]</td>", html);
        Assert.Contains("<td>Cohort NPV, end users&#39; lens (the verdict)</td><td class=\"num\">-$170.5 bn</td>", html);
        Assert.Contains("<td>Cohort NPV, owners&#39; lens</td><td class=\"num\">-$50.5 bn</td>", html);
        Assert.Contains("<td>Verdict, end users&#39; lens</td><td class=\"num\">not justified</td>", html);
        Assert.Contains("<td>Cohort payback year, owners&#39; lens</td><td class=\"num\">undefined</td>", html);
        Assert.Contains("the gap between them is mostly that money", html);
        Assert.True(File.Exists(Path.Combine(run, "plots", "prices.svg")));
    }

    [Fact]
    public void ReportIsSelfContained()
    {
        using var tmp = new TempDir();
        var html = File.ReadAllText(ReportWriter.Write(SyntheticSweep.Write(tmp.Sub("sweep"), runs: 60)));
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(http", html);
    }

    [Fact]
    public void SweepReportQuotesTheVerdictWithItsInterval()
    {
        using var tmp = new TempDir();
        var dir = SyntheticSweep.Write(tmp.Sub("sweep"));
        var verdict = File.ReadAllLines(Path.Combine(dir, "analysis", "verdict.csv"))[1].Split(',');
        var share = double.Parse(verdict[3], System.Globalization.CultureInfo.InvariantCulture);
        var html = File.ReadAllText(ReportWriter.Write(dir));
        Assert.Contains($"<p class=\"answer\">{100 * share:0}% of 192 runs (95% CI {100 * (share - 0.07):0}%-{100 * (share + 0.07):0}%) are justified", html);
        Assert.Equal(9, Regex.Matches(html, "src=\"data:image/png;base64,").Count);
        Assert.Contains("<h2>Moment-independent indices</h2>", html);
        Assert.Contains("<h2>Scenario discovery: the selected PRIM boxes</h2>", html);
        Assert.Contains("<h2>Feature scores (extra trees)</h2>", html);
        Assert.Contains("<td>Demand:GrowthRate</td><td class=\"num\">0.1 to 1 (log)</td>", html);
    }

    [Fact]
    public void SweepWithoutVerdictFallsBackToTheSummaryWithAWilsonInterval()
    {
        using var tmp = new TempDir();
        var dir = SyntheticSweep.Write(tmp.Sub("sweep"), runs: 50, analysis: false);
        var log = new StringWriter();
        var html = File.ReadAllText(ReportWriter.Write(dir, log: log));
        Assert.Matches("<p class=\"answer\">\\d+% of 50 runs \\(95% CI \\d+%-\\d+%\\) are justified", html);
        Assert.Contains("Not drawn: morris (no analysis/morris.csv).", html);
        Assert.Contains("skipped morris", log.ToString());
    }

    [Fact]
    public void RunDrawsFromMemoryExactlyWhatReadingItsDirectoryBackGives()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("run");
        Assert.Equal(0, MarketSim.Cli.Program.Invoke(["run", "--seed", "2", "--out", dir], new StringWriter(), new StringWriter()));
        var fromMemory = Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".csv") && !f.EndsWith(".json"))
            .Order().ToDictionary(f => f, File.ReadAllBytes);
        Assert.Equal(11, fromMemory.Count); // five figures as PNG and SVG, and the report
        ReportWriter.Write(dir);
        foreach (var (file, bytes) in fromMemory) Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(file)), file);
    }

    [Fact]
    public void RewritingGivesAByteIdenticalReport()
    {
        using var tmp = new TempDir();
        var run = SyntheticRun.Write(tmp.Sub("run"));
        var first = File.ReadAllBytes(ReportWriter.Write(run));
        var second = File.ReadAllBytes(ReportWriter.Write(run));
        Assert.Equal(first, second);
        Assert.Empty(Directory.GetFiles(run, "*.tmp"));
    }
}
