using MarketSim.Core.Agents;

namespace MarketSim.Core.Finance;

/// <summary>What kind of debt a loan is; each kind has its lender and its security (MODEL.md, "Money").</summary>
public enum LoanKind
{
    /// <summary>An investment-grade bond, held by <c>Bondholders</c>, unsecured.</summary>
    Bond,
    /// <summary>A bank or private-credit loan, held by <c>Lenders</c>, unsecured.</summary>
    BankLoan,
    /// <summary>A loan secured on accelerators: its collateral is worth their rental margin over their remaining life.</summary>
    GpuBacked,
    /// <summary>A chipmaker lends to its customer to buy its chips; the chipmaker holds the risk.</summary>
    Vendor,
    /// <summary>Notes of a special purpose vehicle, serviced from a sponsor's lease, secured on what the vehicle built.</summary>
    SpvNotes,
}

/// <summary>
/// One debt: who owes it, which ledger account it is paid to, who holds its risk, how much is left, its spread over
/// the risk-free rate (fixed when drawn), when it is repaid (straight-line, monthly, to maturity) and what secures it.
/// A company's ordinary borrowing from one lender is one facility: each draw adds to it and moves its spread and
/// maturity to the amount-weighted average of the draws (a ladder of bonds, a revolving loan).
/// </summary>
public sealed class Loan
{
    private string? _id;

    /// <summary>The deal's id, or the borrower, kind and sequence number of a loan drawn by a rule.</summary>
    public string Id => _id ??= $"{Borrower}-{Kind}-{Sequence}";

    /// <summary>The id a deal gives the loan; null to name it by borrower, kind and sequence when first asked.</summary>
    internal string? GivenId { init { _id = value; IsNamed = value is not null; } }

    /// <summary>A named deal's loan, kept apart from the borrower's ordinary facility.</summary>
    internal bool IsNamed { get; private init; }

    internal int Sequence { get; init; }
    public required LoanKind Kind { get; init; }
    public required string Borrower { get; init; }
    /// <summary>The ledger account interest and principal are paid to.</summary>
    public required int LenderAccount { get; init; }
    /// <summary>Who loses if the borrower cannot pay: the lender's account name, or the lenders a deal names.</summary>
    public required string Holder { get; init; }
    /// <summary>Over the risk-free rate; a facility's is the average of its draws, weighted by amount.</summary>
    public double Spread { get; internal set; }
    /// <summary>A facility's is the average of its draws' maturities, weighted by amount.</summary>
    public int MaturityStep { get; internal set; }
    public double Outstanding { get; internal set; }
    /// <summary>The accelerators that secure the loan (GPU-backed loans); empty for unsecured debt.</summary>
    public IReadOnlyList<Vintage> Collateral { get; init; } = [];
    public bool IsSecured => Collateral.Count > 0;
    public bool IsClosed => Outstanding <= 1e-9;

    /// <summary>Principal due this month: what is left, spread evenly over the months to maturity.</summary>
    public double ScheduledPrincipal(int step) => Outstanding / Math.Max(1, MaturityStep - step);
}
