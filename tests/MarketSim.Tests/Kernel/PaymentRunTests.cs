using MarketSim.Core.Engine;

namespace MarketSim.Tests.Kernel;

/// <summary>
/// A run of payments from one account (a lab paying its contracts) keeps the payer's balance in a local until it
/// closes: every balance, and the tolerance built from the money moved, must come out as paying one by one does.
/// </summary>
public class PaymentRunTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_run_of_payments_leaves_every_balance_as_paying_what_the_payer_still_holds_one_by_one(bool watched)
    {
        var rng = new Random(11);
        for (var trial = 0; trial < 300; trial++)
        {
            var (run, reference) = (new Ledger(), new Ledger());
            var accounts = rng.Next(2, 6);
            for (var i = 0; i < accounts; i++)
            {
                run.Open($"a{i}");
                reference.Open($"a{i}");
            }
            // The payer starts with something, nothing or a debt; the bills run it out part of the time.
            var (payer, other) = (0, accounts - 1);
            var opening = rng.Next(3) switch { 0 => 0.0, 1 => -rng.NextDouble(), _ => rng.NextDouble() * 40 };
            foreach (var ledger in new[] { run, reference })
            {
                if (opening > 0) ledger.Pay(other, payer, opening);
                else ledger.Pay(payer, other, -opening);
            }
            var (seen, referenceSeen) = (new List<(int, int, double)>(), new List<(int, int, double)>());
            if (watched)
            {
                run.Watch((from, to, amount) => seen.Add((from, to, amount)));
                reference.Watch((from, to, amount) => referenceSeen.Add((from, to, amount)));
            }
            var payments = run.PaymentsFrom(payer);
            for (var k = 0; k < 30; k++)
            {
                // Bills of every size, some owed to the payer itself, some a round-off below zero.
                var to = rng.Next(accounts);
                var amount = rng.Next(10) == 0 ? -1e-12 : rng.NextDouble() * 5;
                var expected = Math.Min(amount, Math.Max(0, reference.Balance(payer)));
                reference.Pay(payer, to, expected);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(payments.PayAsFarAsHeld(to, amount)));
            }
            payments.Close();
            for (var i = 0; i < accounts; i++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(reference.Balance(i)), BitConverter.DoubleToInt64Bits(run.Balance(i)));
            Assert.Equal(reference.Tolerance, run.Tolerance);
            Assert.Equal(referenceSeen, seen);
        }
    }

    [Fact]
    public void A_payment_that_is_not_a_finite_amount_is_refused_with_the_payments_before_it_written_back()
    {
        var ledger = new Ledger();
        var (a, b) = (ledger.Open("a"), ledger.Open("b"));
        ledger.Pay(b, a, 10);
        var refused = Assert.Throws<InvalidOperationException>(() => PayFourThenMinusOne(ledger, a, b));
        Assert.Equal("payment of -1 from a to b is not a finite non-negative amount", refused.Message);
        Assert.Equal(6, ledger.Balance(a));
        Assert.Equal(-6, ledger.Balance(b));
    }

    private static void PayFourThenMinusOne(Ledger ledger, int from, int to)
    {
        var payments = ledger.PaymentsFrom(from);
        payments.PayAsFarAsHeld(to, 4);
        payments.PayAsFarAsHeld(to, -1);
        payments.Close();
    }
}
