using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MarketSim.Core.Finance;
using MarketSim.Core.Scenarios;
using Xunit;

namespace MarketSim.Tests.Kernel;

/// <summary>Orders and texts a run sets up without LINQ: the same as LINQ's stable orders gave, and never another run's.</summary>
/// <remarks>
/// Alone, not beside other tests: the clock's month names are remembered for the whole process, and a run started on
/// another thread between two clocks made here would replace them.
/// </remarks>
[Collection(ProcessWideCaches.Name)]
public sealed class SetupOrderTests
{
    [Fact]
    public void Loans_are_repaid_in_the_order_a_stable_sort_by_security_then_dearest_spread_gives()
    {
        var random = new Random(7);
        var collateral = new[] { new Vintage { Generation = FreshThread.Chip, InstalledStep = 0, H100e = 1, CostUsdBn = 1, InCohort = false, CashCostPerH100eHour = 0.4 } };
        for (var trial = 0; trial < 500; trial++)
        {
            // Few distinct spreads, so that many loans tie and only a stable order keeps them as they were taken out.
            var loans = Enumerable.Range(0, random.Next(0, 40)).Select(i => new Loan
            {
                Kind = LoanKind.BankLoan, Borrower = "b", LenderAccount = 0, Holder = "h", Sequence = i,
                Spread = random.Next(0, 4) * 0.01, Collateral = random.Next(2) == 0 ? [] : collateral,
            }).ToList();
            var expected = loans.OrderBy(l => l.IsSecured).ThenByDescending(l => l.Spread).ToList();
            Assert.Equal(expected, LoanBook.InRepaymentOrder(loans));
        }
    }

    [Fact]
    public void Clocks_with_other_months_get_their_own_dates_after_one_that_reused_them()
    {
        var first = new Clock(new YearMonth(2025, 1), new YearMonth(2025, 12)).Dates;
        var again = new Clock(new YearMonth(2025, 1), new YearMonth(2025, 12)).Dates;
        var longer = new Clock(new YearMonth(2025, 1), new YearMonth(2026, 3)).Dates;
        var later = new Clock(new YearMonth(2025, 2), new YearMonth(2025, 12)).Dates;

        Assert.Same(first, again);
        Assert.Equal(["2025-01", "2025-12"], [first[0], first[^1]]);
        Assert.Equal(15, longer.Count);
        Assert.Equal("2026-03", longer[^1]);
        Assert.Equal(11, later.Count);
        Assert.Equal("2025-02", later[0]);
    }
}

/// <summary>Tests of what the process remembers across runs, run after the others and never beside one.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideCaches
{
    public const string Name = "process-wide caches";
}
