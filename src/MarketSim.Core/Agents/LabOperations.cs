using System.Runtime.CompilerServices;
using MarketSim.Core.Engine;

namespace MarketSim.Core.Agents;

public sealed partial class Lab
{
    private double _unpaid;

    /// <summary>
    /// Serves this month's demand with the compute it has: inference first, then training up to what the lab's
    /// training budget buys at the market rent; contracted hours beyond that stay idle. Effective training compute
    /// (physical x algorithmic efficiency) raises capability by its log growth.
    /// </summary>
    /// <returns>The H100e the lab had but did not use.</returns>
    internal double UseCompute(double availableH100e, double trainingDemandH100e)
    {
        var inference = Math.Min(InferenceNeedH100e, availableH100e);
        TokensServed = inference * World.Trends.TokensPerH100eHour * Clock.HoursPerMonth / 1e12;
        var revenue = TokensServed * TokenPrice / 1e3;
        World.Ledger.Pay(World.External(ExternalAccount.EndUsers), Account, revenue);
        Revenue += revenue;
        TrainingH100e = Math.Min(Math.Max(0, availableH100e - inference), trainingDemandH100e);
        var effective = TrainingH100e * Clock.HoursPerMonth * World.Trends.AlgorithmicMultiplier;
        var before = _cumulativeEffectiveCompute;
        _cumulativeEffectiveCompute += effective;
        Capability += Math.Log10(_cumulativeEffectiveCompute / before);
        return Math.Max(0, availableH100e - inference - TrainingH100e);
    }

    /// <summary>Pays a cloud what it can; what it cannot pay is a shortfall that triggers default.</summary>
    internal double PayCloud(Cloud cloud, double amount)
    {
        var payments = PayClouds();
        var paid = payments.Pay(cloud, amount);
        payments.Close();
        return paid;
    }

    /// <summary>Payments to clouds one after another, each as <see cref="PayCloud"/>; <see cref="CloudPayments.Close"/> ends them.</summary>
    internal CloudPayments PayClouds() => new(this);

    /// <summary>
    /// A lab's payments to clouds (its month's contracts, a hundred by the end of a run), one after another, each what
    /// it can pay of the bill, with what it paid and left unpaid kept in locals until they close (as the ledger keeps
    /// its balance, <see cref="Ledger.PaymentRun"/>).
    /// </summary>
    internal ref struct CloudPayments
    {
        private readonly Lab _lab;
        private Ledger.PaymentRun _run;
        private double _cost, _unpaid;

        public CloudPayments(Lab lab)
        {
            _lab = lab;
            _run = lab.World.Ledger.PaymentsFrom(lab.Account);
            (_cost, _unpaid) = (lab.ComputeCost, lab._unpaid);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Pay(Cloud cloud, double amount)
        {
            var paid = _run.PayAsFarAsHeld(cloud.Account, amount);
            _cost += paid;
            _unpaid += amount - paid;
            return paid;
        }

        public readonly void Close()
        {
            _run.Close();
            (_lab.ComputeCost, _lab._unpaid) = (_cost, _unpaid);
        }
    }

    internal void PayCosts()
    {
        if (IsDefaulted) return;
        var opex = Math.Min(Opex(), Math.Max(0, Cash));
        PaySupplier(opex);
        MonthEbitda = Revenue - ComputeCost - opex;
        ServiceDebt();
        if (!World.StructuredFinance.CureCollateralShortfalls(this, World.Market.Tightness))
        {
            Default("CovenantBreach");
            return;
        }
        Balance.CloseMonth(World.Clock.Step, MonthEbitda, Revenue);
        PayOut(Rules.Payout.PayoutUsdBn(this, World.Context), Rules.Payout.Name);
    }

    /// <summary>
    /// A lab that could not pay this month's bills defaults: its contracts are broken and clouds take the loss; its
    /// lenders take what secures their loans and its shareholders lose their stakes.
    /// </summary>
    internal void SettleOrDefault()
    {
        if (IsDefaulted || _unpaid <= 1e-9) { _unpaid = 0; return; }
        Default("CashExhausted");
    }

    internal void Default(string rule)
    {
        if (IsDefaulted) return;
        IsDefaulted = true;
        World.Events.Add(Name, "Default", "Investors", _unpaid, rule, $"cash={Cash:F2}");
        var contracts = _contracts.Contracts;
        for (var i = 0; i < contracts.Count; i++)
        {
            var c = contracts[i];
            if (c.IsOver(World.Clock.Step)) continue;
            c.Break();
            c.Cloud.LoseContract(c);
        }
        _contracts.Clear(World.Clock.Step);
        _unpaid = 0;
        CoverOverdraft(rule);
        Loans.Default(v => Finance.Collateral.ValueUsdBn(v, World.Context, World.Market.Tightness), 0, rule);
        World.Risk.WriteOffStakes(Name, rule);
        World.RegisterDefault();
    }

    internal void Record()
    {
        RecordMoney();
        World.Metrics.Set(_tokensMetric, TokensServed);
        World.Metrics.Set(_capabilityMetric, Capability);
        World.Metrics.Set(_computeCostMetric, ComputeCost);
    }
}
