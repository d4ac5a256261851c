namespace MarketSim.Core.Agents;

/// <summary>
/// A cloud's data-center shells: builds under way, and the powered shells' book. A build takes
/// <c>Power:ShellBuildMonths</c>, paid in equal monthly instalments; the <c>Power:NewGridShare</c> of it that needs a
/// new grid connection first waits <c>Power:GridWaitMonths</c>. A powered shell's cost is depreciated straight-line over
/// <c>Power:ShellLifeYears</c>, and that charge is spread per MW over the vintages it houses, so accelerators carry the
/// shell capital they use; MW nobody uses carry theirs unallocated.
/// </summary>
public sealed partial class Cloud
{
    private readonly List<ShellBuild> _pipeline;
    private readonly List<PoweredShell> _shells;
    // Shells are powered in step order, so those past their life are the first ones. The shells from the first still
    // depreciating on: their monthly depreciation and MW, summed in order as they are powered.
    private int _firstDepreciatingShell;
    private double _depreciatingShellsUsdBn, _depreciatingShellsMw;

    public double PoweredMw { get; private set; }
    public double PipelineMw
    {
        get
        {
            double mw = 0;
            foreach (var p in _pipeline) mw += p.Mw;
            return mw;
        }
    }

    /// <summary>Remaining straight-line book value of its powered shells, USD bn.</summary>
    public double ShellBookValueUsdBn
    {
        get
        {
            double book = 0;
            foreach (var shell in _shells) book += shell.CostUsdBn * Math.Max(0, 1 - shell.AgeMonths(World.Clock.Step) / ShellLifeMonths);
            return book;
        }
    }

    /// <summary>This month's depreciation of its powered shells, USD bn.</summary>
    public double ShellDepreciationUsdBn { get; private set; }

    /// <summary>This month's shell depreciation per MW of shells still depreciating: what a vintage carries per MW it uses.</summary>
    public double ShellChargePerMwUsdBn { get; private set; }

    /// <summary>H100e of the 2026-2027 cohort in service.</summary>
    public double CohortH100e
    {
        get
        {
            double h = 0;
            foreach (var v in _fleet) if (v.InCohort) h += v.H100e;
            return h;
        }
    }

    public double PipelineMwReadyBy(int step)
    {
        double mw = 0;
        foreach (var p in _pipeline) if (p.Done <= step) mw += p.Mw;
        return mw;
    }

    /// <summary>Shell instalments falling due within the next <paramref name="months"/> months, USD bn.</summary>
    public double ShellInstalmentsDueUsdBn(int months)
    {
        var step = World.Clock.Step;
        double due = 0;
        foreach (var p in _pipeline)
        {
            var waiting = Math.Max(0, p.PayFrom - step - 1);
            due += p.CostUsdBn / p.Payments * Math.Clamp(months - waiting, 0, p.PaymentsLeft);
        }
        return due;
    }

    /// <summary>Shells a vehicle builds for this cloud: ready at <paramref name="readyStep"/>, paid for by the vehicle.</summary>
    internal void AddLeasedShells(double mw, int readyStep) =>
        _pipeline.Add(new ShellBuild(readyStep, mw, 0, PayFrom: readyStep, Payments: 1, PaymentsLeft: 0));

    private double ShellLifeMonths => World.Scenario.Power.ShellLifeYears * 12;

    /// <summary>Powered shells at the start, booked new at today's cost (the data has no shell ages).</summary>
    private void OpenShells(double poweredMw)
    {
        PoweredMw = poweredMw;
        if (poweredMw > 0) Power(new PoweredShell(0, poweredMw, poweredMw * World.Scenario.Power.ShellCostUsdMPerMw / 1000));
    }

    /// <summary>Builds under way pay their instalments; finished ones become powered shells.</summary>
    internal void BuildShells()
    {
        var step = World.Clock.Step;
        for (var i = _pipeline.Count - 1; i >= 0; i--)
        {
            var p = _pipeline[i];
            if (p.PaymentsLeft > 0 && step >= p.PayFrom)
            {
                SpendAi(p.CostUsdBn / p.Payments);
                p = p with { PaymentsLeft = p.PaymentsLeft - 1 };
            }
            if (p.Done <= step)
            {
                PoweredMw += p.Mw;
                Power(new PoweredShell(step, p.Mw, p.CostUsdBn));
                _pipeline.RemoveAt(i);
            }
            else _pipeline[i] = p;
        }
    }

    /// <summary>Called by the grid with the MW it could connect: the part on existing grid builds now, the rest waits.</summary>
    internal void StartShell(double mw)
    {
        var power = World.Scenario.Power;
        var step = World.Clock.Step;
        var build = power.ShellBuildMonths;
        var waiting = mw * power.NewGridShare;
        Start(mw - waiting, step + 1, build);
        Start(waiting, step + power.GridWaitMonths + 1, build);
        World.Events.Add(Name, "ShellStarted", "Suppliers", mw * power.ShellCostUsdMPerMw / 1000, Rules.Capacity.Name,
            $"mw={mw:F0} ready={World.Clock.Date.AddMonths(build)} new_grid_mw={waiting:F0} ready_new_grid={World.Clock.Date.AddMonths(build + power.GridWaitMonths)}");
    }

    /// <summary>Opening pipeline: shells already under way, finishing in four equal tranches over a build, half paid for.</summary>
    internal void SeedPipeline()
    {
        if (_o.PipelineMw <= 0) return;
        var months = World.Scenario.Power.ShellBuildMonths;
        var tranche = _o.PipelineMw / 4;
        var cost = tranche * World.Scenario.Power.ShellCostUsdMPerMw / 1000;
        for (var k = 1; k <= 4; k++)
        {
            var done = months * k / 4;
            _pipeline.Add(new ShellBuild(done, tranche, cost, PayFrom: 0, Payments: months, PaymentsLeft: done));
        }
    }

    private void Power(PoweredShell shell)
    {
        _shells.Add(shell);
        _depreciatingShellsUsdBn += shell.CostUsdBn / ShellLifeMonths;
        _depreciatingShellsMw += shell.Mw;
    }

    /// <summary>This month's depreciation of the shells still within their life, and the charge per MW it makes.</summary>
    private void DepreciateShells()
    {
        var step = World.Clock.Step;
        var life = ShellLifeMonths;
        var first = _firstDepreciatingShell;
        while (first < _shells.Count && _shells[first].AgeMonths(step) >= life) first++;
        if (first != _firstDepreciatingShell)
        {
            // A sum cannot give back what it added without changing its last bits: the rest is summed again.
            _firstDepreciatingShell = first;
            _depreciatingShellsUsdBn = _depreciatingShellsMw = 0;
            for (var i = first; i < _shells.Count; i++)
            {
                _depreciatingShellsUsdBn += _shells[i].CostUsdBn / life;
                _depreciatingShellsMw += _shells[i].Mw;
            }
        }
        ShellDepreciationUsdBn = _depreciatingShellsUsdBn;
        ShellChargePerMwUsdBn = _depreciatingShellsMw > 0 ? _depreciatingShellsUsdBn / _depreciatingShellsMw : 0;
    }

    private void Start(double mw, int payFrom, int months)
    {
        if (mw <= 0) return;
        var cost = mw * World.Scenario.Power.ShellCostUsdMPerMw / 1000;
        _pipeline.Add(new ShellBuild(payFrom + months - 1, mw, cost, payFrom, months, months));
    }

    /// <param name="Done">The step it is powered.</param>
    /// <param name="PayFrom">The first step an instalment is paid.</param>
    private readonly record struct ShellBuild(int Done, double Mw, double CostUsdBn, int PayFrom, int Payments, int PaymentsLeft);

    private readonly record struct PoweredShell(int InServiceStep, double Mw, double CostUsdBn)
    {
        public double AgeMonths(int step) => step - InServiceStep;
    }
}
