using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Engine;

/// <summary>The monthly clock. Step 0 is the scenario's start month.</summary>
public sealed class Clock
{
    public const double HoursPerMonth = 730;
    private readonly string[] _dates;

    public Clock(YearMonth start, YearMonth end)
    {
        Start = start;
        Steps = end.MonthsSince(start) + 1;
        _dates = Enumerable.Range(0, Steps).Select(i => start.AddMonths(i).ToString()).ToArray();
    }

    public YearMonth Start { get; }
    public int Steps { get; }
    public int Step { get; private set; }
    public YearMonth Date => Start.AddMonths(Step);
    public string DateText => _dates[Step];
    public IReadOnlyList<string> Dates => _dates;

    /// <summary>Years since January 2023, the reference date of the hardware and algorithm trends.</summary>
    public double YearsSince2023 => (Date.Index - new YearMonth(2023, 1).Index) / 12.0;

    public double YearsSinceStart => Step / 12.0;

    public int StepOf(YearMonth month) => month.MonthsSince(Start);

    internal void Advance() => Step++;
}
