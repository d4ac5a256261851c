using System.Globalization;
using MarketSim.Core.Engine;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

public class EventLogTests
{
    private enum Kind { GpuBacked }

    [Fact]
    public void A_detail_kept_in_parts_reads_as_string_interpolation_wrote_it()
    {
        var log = new EventLog(new Clock(new YearMonth(2025, 1), new YearMonth(2025, 12)));
        var (h100e, months, spread, deal, ratio) = (84_000.4, 30, 0.07, -2_147_483_648, double.NaN);
        var (text, empty) = ("a (b)", "");
        log.Add("AWS", "ChipOrder", "Nvidia", 1.5, "Probe", $"h100e={h100e:F0}");
        log.Add("AWS", "Borrow", "Banks", 2, "Probe", $"kind={Kind.GpuBacked} months={months} deal={deal:D12} spread={spread:F4}");
        log.Add("AWS", "Note", "", 0, "Probe", $"{text}{text} ratio={ratio} -0={-0.0} tail");
        log.Add("AWS", "Empty", "", 0, "Probe", $"{empty}");
        log.Add("AWS", "Plain", "", 0, "Probe", "kept as given");
        log.Add("AWS", "Bare", "", 0, "Probe");
        string[] expected =
        [
            FormattableString.Invariant($"rule=Probe h100e={h100e:F0}"),
            FormattableString.Invariant($"rule=Probe kind={Kind.GpuBacked} months={months} deal={deal:D12} spread={spread:F4}"),
            FormattableString.Invariant($"rule=Probe {text}{text} ratio={ratio} -0={-0.0} tail"),
            "rule=Probe ",
            "rule=Probe kept as given",
            "rule=Probe",
        ];
        Assert.Equal(expected, log.Events.Select(e => e.Detail));
        Assert.All(log.Events, e => Assert.Equal("2025-01", e.Date));
    }

    [Fact]
    public void Events_past_the_first_blocks_keep_their_order_and_details()
    {
        var log = new EventLog(new Clock(new YearMonth(2025, 1), new YearMonth(2025, 12)));
        for (var i = 0; i < 3_000; i++) log.Add($"agent{i}", "Tick", "", i, "Probe", $"i={i} half={i / 2.0:F1}");
        Assert.Equal(3_000, log.Events.Count);
        for (var i = 0; i < 3_000; i += 7)
        {
            var e = log.Events[i];
            Assert.Equal(($"agent{i}", (double)i), (e.Agent, e.AmountUsdBn));
            Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"rule=Probe i={i} half={i / 2.0:F1}"), e.Detail);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => log.Events[3_000]);
    }
}
