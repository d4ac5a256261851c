using MarketSim.Core.Market;
using MarketSim.Core.Agents;
using MarketSim.Core.Engine;

namespace MarketSim.Core.Finance;

/// <summary>
/// Structured and circular finance as deal types (MODEL.md, "Money"): GPU-backed loans, vendor loans, special purpose
/// vehicles with a lease back, equity for compute and warrants. Each call creates one instrument now, moves its money
/// through the ledger, records who holds its risk, and leaves a <c>Financing</c> event naming it. The default
/// behaviour uses the same calls: neoclouds finance deliveries with GPU-backed loans (their borrowing rule), and every
/// merchant chipmaker buys equity in every lab not funded by a parent, <c>Finance:VendorEquityUsdBnPerGw</c> per GW
/// deployed on its chips up to <c>Finance:VendorEquityMaxGw</c>, until a named deal between the same two replaces it.
/// </summary>
public sealed class StructuredFinance
{
    private readonly World _world;
    private readonly Deployments _deployments;
    private readonly CollateralValuer _collateral;
    private readonly List<IFinancingInstrument> _instruments = [];
    private readonly List<EquityForCompute> _equity = [];
    private readonly List<Warrant> _warrants = [];
    private readonly List<SpecialPurposeVehicle> _vehicles = [];
    private readonly List<GpuFacility> _facilities = [];

    internal StructuredFinance(World world)
    {
        _world = world;
        _deployments = new Deployments(world);
        _collateral = new CollateralValuer(world);
        var perGw = world.Scenario.Finance.VendorEquityUsdBnPerGw;
        var maxGw = world.Scenario.Finance.VendorEquityMaxGw;
        if (perGw <= 0) return;
        foreach (var maker in world.Chipmakers.Where(c => !c.Options.InHouse))
            foreach (var lab in world.Labs.Where(l => !l.Options.ParentFunded))
                AddEquity(new EquityForCompute
                {
                    Id = $"{maker.Name}-{lab.Name}-vendor-equity", Investor = maker, Lab = lab, UsdBnPerGw = perGw, MaxGw = maxGw,
                });
    }

    /// <summary>
    /// The equity-for-compute agreements, warrants and vehicles in force or closed, the default vendor equity included.
    /// Loans are in their borrowers' books (<see cref="Agent.LoansOutstanding"/>) and in the risk register.
    /// </summary>
    public IReadOnlyList<IFinancingInstrument> Instruments => _instruments;

    /// <summary>
    /// A loan secured on accelerators (CoreWeave's delayed-draw facilities, xAI's GPU vehicle): <paramref name="principalUsdBn"/>
    /// from <c>Lenders</c> to <paramref name="borrower"/>, at <paramref name="spread"/> over the risk-free rate (default:
    /// the neocloud spread) over <paramref name="months"/> (default <c>Finance:LoanMaturityYears</c>). Its collateral
    /// is <paramref name="collateral"/>, or for a borrower without a fleet (a lab) the accelerators the principal buys at
    /// <c>Finance:GpuLoanAdvanceRate</c> of today's price. Each month a loan worth more than
    /// <c>Finance:GpuLoanMaxLoanToValue</c> of its collateral must be paid down, or the borrower defaults.
    /// </summary>
    public Loan GpuBackedLoan(Agent borrower, double principalUsdBn, IReadOnlyList<Vintage>? collateral = null,
        double? spread = null, int? months = null, string holder = "Lenders", string? id = null, string rule = "GpuBackedLoan")
    {
        var finance = _world.Scenario.Finance;
        var pledged = collateral ?? [StandaloneCollateral(principalUsdBn / finance.GpuLoanAdvanceRate)];
        return borrower.TakeLoan(LoanKind.GpuBacked, _world.External(ExternalAccount.Lenders), holder, principalUsdBn,
            spread ?? _world.Market.NeocloudSpread, months ?? (int)Math.Round(finance.LoanMaturityYears * 12), pledged, id, rule);
    }

    /// <summary>
    /// A committed delayed-draw facility (CoreWeave's DDTLs): up to <paramref name="limitUsdBn"/> from <c>Lenders</c>,
    /// drawn as the cloud's accelerators arrive, each month's draw a <see cref="GpuBackedLoan"/> of
    /// <c>Finance:GpuLoanAdvanceRate</c> of their cost, secured on them and maturing <paramref name="months"/> after it
    /// is drawn, at the neocloud spread of the day. Committed lenders lend whatever the borrowing rule would decide;
    /// deliveries a facility finances are not pledged again.
    /// </summary>
    public GpuFacility GpuFacility(Cloud borrower, double limitUsdBn, int months, string holder = "Lenders", string? id = null,
        string rule = "GpuFacility", string? dealDetail = null)
    {
        var facility = new GpuFacility
        {
            Id = id ?? $"{borrower.Name}-gpu-facility-{_facilities.Count + 1}", Borrower = borrower, LimitUsdBn = limitUsdBn,
            Months = months, Holder = holder,
        };
        _facilities.Add(facility);
        _instruments.Add(facility);
        _world.Events.Add(borrower.Name, "Financing", holder, limitUsdBn, rule,
            $"{DealPrefix(dealDetail)}kind=GpuFacility months={months} risk={facility.RiskHolders}");
        return facility;
    }

    /// <summary>
    /// Draws the borrower's oldest facility with room left against the month's deliveries, which secure the draw (one
    /// facility a month, so no chip is pledged twice); returns false when there is none (its borrowing rule then decides).
    /// </summary>
    internal bool DrawFacility(Cloud borrower, IReadOnlyList<Vintage> delivered)
    {
        if (_facilities.Count == 0) return false;
        foreach (var f in _facilities)
        {
            if (f.Borrower != borrower || f.UndrawnUsdBn <= 1e-9) continue;
            double cost = 0;
            for (var i = 0; i < delivered.Count; i++) cost += delivered[i].CostUsdBn;
            var draw = Math.Min(_world.Scenario.Finance.GpuLoanAdvanceRate * cost, f.UndrawnUsdBn);
            if (draw <= 1e-9) return false;
            f.DrawnUsdBn += draw;
            GpuBackedLoan(borrower, draw, [.. delivered], months: f.Months, holder: f.Holder, id: $"{f.Id}-{++f.Draws}", rule: f.Id);
            return true;
        }
        return false;
    }

    /// <summary>A chipmaker lends its customer the price of its chips (vendor financing); the chipmaker holds the risk.</summary>
    public Loan VendorLoan(Chipmaker lender, Cloud borrower, double principalUsdBn, double spread, int months, string? id = null, string rule = "VendorLoan")
    {
        var amount = Math.Min(principalUsdBn, Math.Max(0, lender.Cash));
        return borrower.TakeLoan(LoanKind.Vendor, lender.Account, lender.Name, amount, spread, months, [], id, rule);
    }

    /// <summary>
    /// A vehicle builds <paramref name="mw"/> of shells for <paramref name="sponsor"/> with <paramref name="notesUsdBn"/>
    /// of notes (held by <paramref name="noteHolders"/>, at <paramref name="noteSpread"/>) and <paramref name="equityUsdBn"/>
    /// of equity (<paramref name="sponsorEquityShare"/> from the sponsor, the rest from <c>Investors</c>), and leases
    /// them to the sponsor for <paramref name="leaseMonths"/>. See <see cref="SpecialPurposeVehicle"/>.
    /// </summary>
    public SpecialPurposeVehicle Spv(Cloud sponsor, string id, double mw, double notesUsdBn, double equityUsdBn,
        double sponsorEquityShare, double noteSpread, int leaseMonths, double residualGuaranteeShare = 0,
        string noteHolders = "Bondholders", string rule = "Spv", string? dealDetail = null)
    {
        var vehicle = new SpecialPurposeVehicle(_world, id, sponsor, mw, notesUsdBn, equityUsdBn, sponsorEquityShare,
            noteSpread, leaseMonths, residualGuaranteeShare, noteHolders);
        _vehicles.Add(vehicle);
        _instruments.Add(vehicle);
        _world.Events.Add(sponsor.Name, "Financing", id, notesUsdBn + equityUsdBn, rule,
            $"{DealPrefix(dealDetail)}kind=Spv mw={mw:F0} lease={vehicle.LeaseUsdBnPerMonth * 12:F2}/yr risk={vehicle.RiskHolders}");
        return vehicle;
    }

    /// <summary>
    /// <paramref name="investor"/> buys equity in <paramref name="lab"/>, <paramref name="usdBnPerGw"/> for each GW the
    /// lab deploys on its chips from now on, up to <paramref name="maxGw"/>. Replaces any agreement between the two.
    /// </summary>
    public EquityForCompute EquityForCompute(Chipmaker investor, Lab lab, double usdBnPerGw, double maxGw = double.PositiveInfinity,
        string? id = null, string rule = "EquityForCompute", string? dealDetail = null)
    {
        EndVendorEquity(investor, lab);
        var agreement = new EquityForCompute
        {
            Id = id ?? $"{investor.Name}-{lab.Name}-equity-for-compute", Investor = investor, Lab = lab, UsdBnPerGw = usdBnPerGw, MaxGw = maxGw,
        };
        AddEquity(agreement);
        _world.Events.Add(investor.Name, "Financing", lab.Name, double.IsFinite(maxGw) ? usdBnPerGw * maxGw : 0, rule,
            $"{DealPrefix(dealDetail)}kind=EquityForCompute per_gw={usdBnPerGw:F1} max_gw={maxGw:F1} risk={agreement.RiskHolders}");
        return agreement;
    }

    /// <summary>
    /// Equity <paramref name="investor"/> put into <paramref name="lab"/> outside an equity-for-compute agreement
    /// between them (a round the book cannot tell apart from it) counts towards the agreement, as GW covered.
    /// </summary>
    internal void CreditEquity(Chipmaker investor, Lab lab, double usdBn)
    {
        foreach (var e in _equity)
            if (e.Investor == investor && e.Lab == lab) Credit(e, usdBn);
    }

    /// <summary>
    /// <paramref name="issuer"/> grants <paramref name="holder"/> shares worth <paramref name="valueUsdBn"/> today that
    /// vest as the lab deploys <paramref name="gw"/> GW on the issuer's chips. See <see cref="Finance.Warrant"/>. The
    /// warrant is how the issuer pays for the lab's deployment: it replaces the default vendor equity between the two.
    /// </summary>
    public Warrant Warrant(Chipmaker issuer, Lab holder, double valueUsdBn, double gw, string? id = null, string rule = "Warrant",
        string? dealDetail = null)
    {
        EndVendorEquity(issuer, holder);
        var warrant = new Warrant
        {
            Id = id ?? $"{issuer.Name}-{holder.Name}-warrant", Issuer = issuer, Holder = holder, ValueAtGrantUsdBn = valueUsdBn,
            Gw = gw, IssuerRevenueAtGrant = issuer.RevenueRunRate,
        };
        _warrants.Add(warrant);
        _instruments.Add(warrant);
        _world.Events.Add(issuer.Name, "Financing", holder.Name, valueUsdBn, rule,
            $"{DealPrefix(dealDetail)}kind=Warrant gw={gw:F1} risk={warrant.RiskHolders}");
        return warrant;
    }

    /// <summary>One month, before labs raise funding: deployments are measured, vendor equity and warrants vest, vehicles settle.</summary>
    internal void Settle()
    {
        _deployments.Update();
        foreach (var e in _equity) InvestForDeployment(e);
        foreach (var w in _warrants) Vest(w);
        foreach (var v in _vehicles) v.Settle();
    }

    /// <summary>
    /// The borrower's GPU-backed loans are tested against their collateral: one worth more than
    /// <c>Finance:GpuLoanMaxLoanToValue</c> of it is paid down out of cash. Returns false if cash did not suffice.
    /// </summary>
    internal bool CureCollateralShortfalls(Agent borrower, double utilization)
    {
        var maxLtv = _world.Scenario.Finance.GpuLoanMaxLoanToValue;
        var loans = borrower.LoansOutstanding;
        var valuing = false;
        for (var i = 0; i < loans.Count; i++)
        {
            var loan = loans[i];
            if (loan.Kind != LoanKind.GpuBacked) continue;
            if (!valuing) _collateral.Begin(utilization);
            valuing = true;
            var value = 0.0;
            var pledged = loan.Collateral;
            for (var k = 0; k < pledged.Count; k++) value += _collateral.ValueUsdBn(pledged[k]);
            var excess = loan.Outstanding - maxLtv * value;
            if (excess <= 1e-9) continue;
            if (borrower.PayDownLoan(loan, Math.Min(excess, Math.Max(0, borrower.Cash))) < excess - 1e-9) return false;
            if (loan.IsClosed) i--; // paid off, it left the list: the next loan took its place
        }
        return true;
    }

    private void InvestForDeployment(EquityForCompute e)
    {
        if (e.Lab.IsDefaulted || e.GwCovered >= e.MaxGw) return;
        var gw = Math.Min(_deployments.NewGwOn(e.Lab, e.Investor), e.MaxGw - e.GwCovered);
        var amount = Math.Min(gw * e.UsdBnPerGw, Math.Max(0, e.Investor.Cash));
        if (amount <= 1e-6) return;
        e.GwCovered += gw;
        e.InvestedUsdBn += amount;
        e.Lab.ReceiveCapital(e.Investor.Account, amount);
        _world.Risk.Invest(e.Investor.Name, e.Lab.Name, e.Kind, amount);
        _world.Events.Add(e.Investor.Name, "EquityForCompute", e.Lab.Name, amount, e.Id, $"gw={gw:F3}");
    }

    private void Vest(Warrant w)
    {
        if (w.Holder.IsDefaulted || w.GwVested >= w.Gw) return;
        var gw = Math.Min(_deployments.NewGwOn(w.Holder, w.Issuer), w.Gw - w.GwVested);
        if (gw <= 1e-9) return;
        var priceMove = w.IssuerRevenueAtGrant > 0 ? w.Issuer.RevenueRunRate / w.IssuerRevenueAtGrant : 1;
        var proceeds = w.ValueAtGrantUsdBn * gw / w.Gw * priceMove;
        w.GwVested += gw;
        w.ProceedsUsdBn += proceeds;
        w.Holder.ReceiveCapital(_world.External(ExternalAccount.Shareholders), proceeds);
        _world.Events.Add(w.Holder.Name, "WarrantVested", w.Issuer.Name, proceeds, w.Id, $"gw={gw:F3} risk={w.RiskHolders}");
    }

    /// <summary>Accelerators bought with a loan to a borrower without a fleet: the first chipmaker's newest, at today's price.</summary>
    private Vintage StandaloneCollateral(double valueUsdBn)
    {
        var generation = Newest(_world.Chipmakers[0].Line.MixAt(_world.Clock.Date));
        return new()
        {
            Generation = generation,
            InstalledStep = _world.Clock.Step,
            H100e = valueUsdBn * 1e9 / _world.CapacityCost.ChipPriceUsdPerH100e(),
            CostUsdBn = valueUsdBn,
            CashCostPerH100eHour = _world.Trends.PowerCostPerH100eHour(generation.KwPerH100e) + _world.Scenario.Hardware.OperationsUsdPerH100eHour,
            InCohort = false,
            BookValueUsdBn = valueUsdBn,
        };
    }

    private static Generation Newest(ReadOnlySpan<GenerationShare> mix)
    {
        var newest = mix[0].Generation;
        foreach (var (generation, _) in mix)
            if (generation.FirstVolumeMonth.Index > newest.FirstVolumeMonth.Index) newest = generation;
        return newest;
    }

    private void AddEquity(EquityForCompute agreement)
    {
        _equity.Add(agreement);
        _instruments.Add(agreement);
    }

    /// <summary>A named agreement between a chipmaker and a lab ends any earlier one; one that never paid is dropped.</summary>
    private void EndVendorEquity(Chipmaker investor, Lab lab)
    {
        _equity.RemoveAll(e => e.Investor == investor && e.Lab == lab);
        _instruments.RemoveAll(i => i is EquityForCompute e && e.Investor == investor && e.Lab == lab && e.InvestedUsdBn == 0);
    }

    private static void Credit(EquityForCompute e, double usdBn)
    {
        if (usdBn <= 0 || e.UsdBnPerGw <= 0) return;
        var gw = Math.Min(usdBn / e.UsdBnPerGw, e.MaxGw - e.GwCovered);
        e.GwCovered += gw;
        e.InvestedUsdBn += gw * e.UsdBnPerGw;
    }

    /// <summary>An announced deal's event starts with the deal's own text (<c>deal=&lt;id&gt;</c>, assumed terms; MODEL.md, Deal book).</summary>
    private static string DealPrefix(string? dealDetail) => dealDetail is null ? "" : dealDetail + " ";
}
