using System.Runtime.CompilerServices;

namespace MarketSim.Core.Engine;

/// <summary>
/// Double-entry cash ledger. Every payment debits one account and credits another, so the sum of all balances
/// stays at zero: agents' cash is mirrored by the external accounts (end users, investors, lenders, suppliers)
/// that paid it in. Opening balances are transfers from <see cref="ExternalAccount.Opening"/>.
/// </summary>
public sealed class Ledger
{
    private readonly List<string> _names = [];
    private double[] _balances = new double[32];
    private double _grossVolume;
    private Action<int, int, double>? _observer;

    public int Open(string name)
    {
        if (_names.Count == _balances.Length) Array.Resize(ref _balances, _balances.Length * 2);
        _names.Add(name);
        return _names.Count - 1;
    }

    public int Count => _names.Count;
    public string Name(int account) => _names[account];
    public double Balance(int account) => _balances[account];

    /// <summary>
    /// The largest negative amount taken as floating-point round-off of a zero payment: a dollar (USD bn). A payment
    /// computed as a difference of sums (what is left after others paid their part) can come out a few 1e-15 below zero.
    /// </summary>
    public const double RoundOff = 1e-9;

    /// <summary>
    /// Moves <paramref name="amount"/> (USD bn, non-negative; round-off below zero down to <see cref="RoundOff"/> is
    /// a zero payment) from one account to another.
    /// </summary>
    public void Pay(int from, int to, double amount)
    {
        if (!Moves(amount, out var refused))
        {
            if (refused) NotAnAmount(from, to, amount);
            return;
        }
        _balances[from] -= amount;
        _balances[to] += amount;
        _grossVolume += amount;
        _observer?.Invoke(from, to, amount);
    }

    /// <summary>
    /// Payments from one account one after another, each as far as its balance still reaches (<see cref="PaymentRun"/>);
    /// <see cref="PaymentRun.Close"/> ends them, and the ledger must not be used otherwise until then.
    /// </summary>
    public PaymentRun PaymentsFrom(int from) => new(this, from);

    /// <summary>
    /// A run of payments from one account, each <c>Pay(from, to, Math.Min(amount, Math.Max(0, Balance(from))))</c>.
    /// A lab pays its contracts so, a hundred a month by the end of a run, and each payment waited on the last one's
    /// store of the payer's balance (and of the gross volume) before it could compare and subtract; here both stay in
    /// locals until the run closes, and a payer holding more than the bill pays it whole on a comparison the
    /// processor predicts. With an observer attached, which may read balances, each payment is made as it comes.
    /// </summary>
    public ref struct PaymentRun
    {
        private readonly Ledger _ledger;
        private readonly double[] _balances;
        private readonly int _from;
        private readonly bool _asItComes;
        private double _held, _gross;

        internal PaymentRun(Ledger ledger, int from)
        {
            (_ledger, _balances, _from) = (ledger, ledger._balances, from);
            _asItComes = ledger._observer is not null;
            (_held, _gross) = (_balances[from], ledger._grossVolume);
        }

        /// <returns>What was paid: the amount, or what the payer still held if less (nothing once it holds nothing).</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double PayAsFarAsHeld(int to, double amount)
        {
            if (_asItComes)
            {
                var paid = Math.Min(amount, Math.Max(0, _balances[_from]));
                _ledger.Pay(_from, to, paid);
                return paid;
            }
            // The same value as the minimum whenever the comparison holds, signed zeros included; NaN fails it.
            var payment = _held >= amount ? amount : Math.Min(amount, Math.Max(0, _held));
            if (!Moves(payment, out var refused))
            {
                if (!refused) return payment;
                Close();
                _ledger.NotAnAmount(_from, to, payment);
            }
            _held -= payment;
            if (to == _from) _held += payment;
            else _balances[to] += payment;
            _gross += payment;
            return payment;
        }

        /// <summary>Writes the payer's balance and the gross volume back.</summary>
        public readonly void Close()
        {
            if (_asItComes) return;
            _balances[_from] = _held;
            _ledger._grossVolume = _gross;
        }
    }

    /// <summary>
    /// Whether a payment of <paramref name="amount"/> moves money: zero, or round-off below zero down to
    /// <see cref="RoundOff"/>, moves none; anything else not a finite amount above zero is <paramref name="refused"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Moves(double amount, out bool refused)
    {
        refused = !(amount >= -RoundOff) || double.IsPositiveInfinity(amount);
        return amount > 0 && !refused;
    }

    // Thrown from a method of its own so that Pay, called for every payment, stays small enough to inline.
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void NotAnAmount(int from, int to, double amount) =>
        throw new InvalidOperationException($"payment of {amount} from {_names[from]} to {_names[to]} is not a finite non-negative amount");

    /// <summary>Calls <paramref name="observer"/> with every later payment (payer, payee, amount), for audits of who paid whom.</summary>
    public void Watch(Action<int, int, double> observer) => _observer += observer;

    /// <summary>Sum of every balance: zero up to floating-point rounding when money is conserved.</summary>
    public double Total()
    {
        double sum = 0, compensation = 0;
        for (var i = 0; i < _names.Count; i++)
        {
            var y = _balances[i] - compensation;
            var t = sum + y;
            compensation = t - sum - y;
            sum = t;
        }
        return sum;
    }

    /// <summary>The rounding tolerance for <see cref="Total"/>: relative to all money that has moved.</summary>
    public double Tolerance => 1e-9 * Math.Max(1, _grossVolume);
}

/// <summary>Parties outside the modelled companies, kept as explicit accounts (MODEL.md lists what each stands for).</summary>
public enum ExternalAccount
{
    Opening,
    EndUsers,
    /// <summary>Private equity: venture and growth investors in labs, equity in special purpose vehicles.</summary>
    Investors,
    /// <summary>Banks and private credit: loans, GPU-backed facilities, neocloud borrowing.</summary>
    Lenders,
    Suppliers,
    OtherChipBuyers,
    OtherBusiness,
    /// <summary>Holders of listed companies' shares: dividends and buybacks go to them, vested warrants are sold to them.</summary>
    Shareholders,
    /// <summary>Buyers of investment-grade bonds: hyperscalers' bonds and the notes of special purpose vehicles.</summary>
    Bondholders,
}
