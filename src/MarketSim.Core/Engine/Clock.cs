using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Engine;

/// <summary>
/// The monthly clock. Step 0 is the scenario's start month; steps up to <see cref="Steps"/> are recorded. A run may go
/// on internally, unrecorded, up to <see cref="Horizon"/> steps, to follow the 2026-2027 cohort to the end of its life.
/// </summary>
public sealed class Clock
{
    public const double HoursPerMonth = 730;
    private readonly string[] _dates;

    /// <param name="lastInternalMonth">The last month a run may step through unrecorded after <paramref name="end"/>.</param>
    public Clock(YearMonth start, YearMonth end, YearMonth? lastInternalMonth = null)
    {
        Start = start;
        Steps = end.MonthsSince(start) + 1;
        Horizon = Math.Max(Steps, (lastInternalMonth ?? end).MonthsSince(start) + 1);
        _dates = DatesFrom(start, Steps);
    }

    // The months as text, made once for the runs that share a clock (every run of a sweep) rather than once a run.
    // The array is never written once made, so runs on other threads may read it.
    private sealed record DateTexts(YearMonth Start, string[] Dates);
    private static DateTexts? _lastDates;

    private static string[] DatesFrom(YearMonth start, int steps)
    {
        if (_lastDates is { } last && last.Start == start && last.Dates.Length == steps) return last.Dates;
        var dates = new string[steps];
        for (var i = 0; i < steps; i++) dates[i] = start.AddMonths(i).ToString();
        _lastDates = new DateTexts(start, dates);
        return dates;
    }

    public YearMonth Start { get; }
    /// <summary>Recorded steps: the scenario's months from <c>Clock:Start</c> to <c>Clock:End</c>.</summary>
    public int Steps { get; }
    /// <summary>Steps a run may take in all, the recorded ones and those after <c>Clock:End</c> that are not recorded.</summary>
    public int Horizon { get; }
    public int Step { get; private set; }
    /// <summary>True while the month is one the outputs record (up to <c>Clock:End</c>).</summary>
    public bool IsRecording => Step < Steps;
    public YearMonth Date => Start.AddMonths(Step);
    public string DateText => Step < Steps ? _dates[Step] : Date.ToString();
    public IReadOnlyList<string> Dates => _dates;

    /// <summary>Years since January 2023, the reference date of the hardware and algorithm trends.</summary>
    public double YearsSince2023 => (Date.Index - new YearMonth(2023, 1).Index) / 12.0;

    public double YearsSinceStart => Step / 12.0;

    public int StepOf(YearMonth month) => month.MonthsSince(Start);

    internal void Advance() => Step++;
}
