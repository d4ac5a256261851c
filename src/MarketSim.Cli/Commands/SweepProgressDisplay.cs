using System.Diagnostics;
using MarketSim.Experiments;
using Spectre.Console;

namespace MarketSim.Cli.Commands;

/// <summary>Sweep progress on stderr: a live Spectre.Console bar on a terminal, else a plain line every 5 s and at the end.</summary>
internal static class SweepProgressDisplay
{
    public static SweepOutcome Run(TextWriter stderr, string name, Func<Action<SweepProgress>, SweepOutcome> sweep)
    {
        var interactive = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        return interactive ? Live(name, sweep) : Plain(stderr, name, sweep);
    }

    private static SweepOutcome Plain(TextWriter stderr, string name, Func<Action<SweepProgress>, SweepOutcome> sweep)
    {
        var lastLine = Stopwatch.GetTimestamp();
        SweepProgress? last = null;
        var outcome = sweep(p =>
        {
            last = p;
            if (Stopwatch.GetElapsedTime(lastLine).TotalSeconds < 5) return;
            lastLine = Stopwatch.GetTimestamp();
            stderr.WriteLine(Line(name, p));
        });
        if (last is not null) stderr.WriteLine(Line(name, last));
        return outcome;
    }

    private static SweepOutcome Live(string name, Func<Action<SweepProgress>, SweepOutcome> sweep)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        SweepOutcome? outcome = null;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(name, maxValue: 1);
                outcome = sweep(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = Markup.Escape(Line(name, p));
                });
                task.Value = task.MaxValue;
            });
        return outcome!;
    }

    private static string Line(string name, SweepProgress p)
    {
        var rate = p.Elapsed.TotalSeconds > 0 ? p.Done / p.Elapsed.TotalSeconds : 0;
        var eta = rate > 0 ? TimeSpan.FromSeconds((p.Total - p.Done) / rate) : TimeSpan.Zero;
        return $"sweep {name}: {p.Done}/{p.Total} runs, {p.Failed} failed, {rate:F1} runs/s, ETA {eta:hh\\:mm\\:ss}"
            + (p.Skipped > 0 ? $" ({p.Skipped} done before)" : "");
    }
}
