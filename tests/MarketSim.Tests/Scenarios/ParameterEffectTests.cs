using MarketSim.Core;
using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Scenarios;

/// <summary>
/// Each behaviour parameter is read by the model: moving it away from its default, in a run where it binds, changes
/// what the run records. A parameter nobody reads, or one wired to the wrong place, fails here.
/// </summary>
public class ParameterEffectTests
{
    private static readonly Dictionary<string, string> Fingerprints = new();

    private static string Fingerprint(params string[] overrides)
    {
        var key = string.Join("|", overrides);
        lock (Fingerprints)
            if (Fingerprints.TryGetValue(key, out var known)) return known;
        var r = Simulation.Create(ScenarioLoader.Load(null, overrides), 1).Run();
        var text = string.Join("|", r.Series.Select(s => string.Join(',', s.Values.Select(v => v.ToString("R"))))
            .Concat(r.Events.Select(e => e.ToString())).Concat(r.Summary.Select(m => m.Value.ToString("R"))));
        lock (Fingerprints) Fingerprints[key] = text;
        return text;
    }

    [Theory]
    [InlineData("Hardware:GenerationOverlapMonths=12")]
    [InlineData("Chipmakers:Nvidia:GenerationCadenceMonths=12")]
    [InlineData("Hardware:MaxLifeYears=4")]
    [InlineData("Power:NewGridShare=0.2")]
    [InlineData("Power:ShellLifeYears=10")]
    [InlineData("Hardware:OperationsUsdPerH100eHour=0.3")]
    [InlineData("Trends:OpeningTokensPerH100eHour=2000000")]
    [InlineData("Demand:CapabilityGainCeiling=1")]
    [InlineData("Demand:BudgetDispersion=1")]
    [InlineData("Demand:ThresholdSpread=0.3")]
    [InlineData("Demand:ValueDispersion=1")]
    [InlineData("Demand:LabChoiceCapabilityWeight=3")]
    [InlineData("Demand:LabChoicePriceExponent=-1.5")]
    [InlineData("Demand:Consumer:BassP=0.01")]
    [InlineData("Demand:Enterprise:BassQ=0.1")]
    [InlineData("Demand:Agentic:Threshold=0.5")]
    [InlineData("Demand:SpendingMultipleCap=3")]
    [InlineData("Demand:Agentic:TokensPerTaskGrowthPerYear=0")]
    [InlineData("Deals:Scale=0.5")]
    [InlineData("Deals:Cancel=openai-aws-2025-11")]
    [InlineData("Deals:AssumedContractMonths=48")]
    [InlineData("Deals:AssumedSupplyMonths=24")]
    [InlineData("Deals:AssumedUsdBnPerGwYear=15")]
    [InlineData("Deals:AssumedContractUsdBn=10")]
    [InlineData("Deals:AssumedLeaseMonths=120")]
    [InlineData("Deals:SpvDebtShare=0.6")]
    [InlineData("Deals:SpvSponsorEquityShare=0.5")]
    [InlineData("Deals:SpvNoteSpread=0.05")]
    [InlineData("Deals:AssumedWarrantUsdBn=10")]
    [InlineData("Deals:NeocloudStandIn=")]
    [InlineData("Finance:EquityPremium=0.04")]
    [InlineData("Funding:RoundShareOfValuation=0.2")]
    [InlineData("Funding:MinSentimentForRounds=1.5")]
    [InlineData("Funding:MinRevenueForValuationUsdBn=5")]
    [InlineData("Funding:MinMonthsBetweenRounds=12")]
    [InlineData("Funding:RaiseBelowRunwayMonths=24")]
    [InlineData("Funding:RoundRunwayMonths=6")]
    [InlineData("Funding:CommitmentFundingShare=0.25")]
    [InlineData("Funding:CommitmentCashShare=0.5")]
    [InlineData("Finance:VendorEquityUsdBnPerGw=20")]
    [InlineData("Finance:VendorEquityMaxGw=1")]
    [InlineData("Finance:GpuLoanAdvanceRate=0.8")]
    [InlineData("Finance:GpuLoanMaxLoanToValue=0.3")]
    [InlineData("Finance:InvestorPoolUsdBnPerYear=60")]
    [InlineData("Sentiment:DriftPerSurprise=0.2")]
    [InlineData("Sentiment:Reversion=0.05")]
    [InlineData("Sentiment:SurpriseLimit=0.05")]
    [InlineData("Sentiment:Min=0.9")]
    [InlineData("Sentiment:Max=1.25")]
    [InlineData("Sentiment:LongRunGrowth=0.4")]
    [InlineData("Sentiment:ExpectationFadeYears=6")]
    [InlineData("Sentiment:ForecastSentimentCap=1")]
    [InlineData("Borrowing:NeocloudBufferUsdBn=3")]
    [InlineData("Borrowing:BufferRevenueShare=0.2")]
    [InlineData("Borrowing:RepayAboveBuffers=1.5")]
    [InlineData("Borrowing:RepayDownToBuffers=1")]
    [InlineData("Borrowing:NeocloudMinSentiment=1.5")]
    [InlineData("CapacityCost:NetworkingMultiplier=1.5")]
    [InlineData("CapacityCost:ShellShare=0.5")]
    [InlineData("CapacityCost:Utilization=0.6")]
    [InlineData("Market:RentAdjustmentShare=1")]
    [InlineData("TokenPricing:Adjustment=0.5")]
    [InlineData("Power:MaxMonthsOfAllowance=1")]
    [InlineData("Capacity:ForecastBuffer=1.5")]
    [InlineData("Capacity:ChipHorizonMonths=9")]
    [InlineData("Capacity:SignedHorizonMonths=6")]
    [InlineData("Capacity:SpotAverageMonths=6")]
    [InlineData("WriteDown:ReviewEveryMonths=1")]
    [InlineData("WriteDown:MarginShare=0.3")]
    [InlineData("WriteDown:ImpairmentShare=0.95")]
    [InlineData("WriteDown:UtilizationFloor=0.8")]
    [InlineData("Procurement:HorizonMonths=18")]
    [InlineData("Procurement:EveryMonths=6")]
    [InlineData("Procurement:MinGapShare=0.2")]
    [InlineData("Procurement:HomeCloudWeight=10")]
    [InlineData("Procurement:StartInMonths=6")]
    [InlineData("Procurement:RampMonths=12")]
    [InlineData("Finance:TaxRate=0.3")]
    [InlineData("Chipmakers:Nvidia:MarginAdjustment=0.5")]
    [InlineData("Chipmakers:Nvidia:ScarcityBacklogMonths=0.5")]
    [InlineData("Chipmakers:Nvidia:ScarcitySpanMonths=2")]
    [InlineData("Chipmakers:Nvidia:IntakeAveragingMonths=2")]
    [InlineData("Chipmakers:Nvidia:IntakeBuffer=1.5")]
    [InlineData("Chipmakers:Nvidia:BacklogClearMonths=6")]
    [InlineData("Chipmakers:Nvidia:LineCapexShare=0.5")]
    [InlineData("Chipmakers:Nvidia:RevenueCapexShare=0.05")]
    [InlineData("Chipmakers:Nvidia:OpexShare=0.3")]
    [InlineData("Chipmakers:Nvidia:CashFloorUsdBn=50")]
    [InlineData("Chipmakers:Nvidia:CashFloorRevenueShare=1")]
    [InlineData("Chipmakers:Nvidia:PayoutShare=0.5")]
    [InlineData("Chipmakers:CustomSilicon:InHouse=false")]
    [InlineData("Clouds:AWS:AiOpexShare=0.2")]
    [InlineData("Clouds:AWS:OtherCostShare=0.9")]
    [InlineData("Clouds:AWS:OtherCashFlowGrowth=0.2")]
    [InlineData("Labs:OpenAI:StaffCostGrowth=0.5")]
    [InlineData("Labs:OpenAI:OpexRevenueShare=0.4")]
    [InlineData("Labs:OpenAI:MatureGrossMargin=0.6")]
    [InlineData("Labs:OpenAI:MarginDriftMonths=6")]
    [InlineData("Labs:MetaAI:ParentCashFloorUsdBn=20")]
    [InlineData("Finance:BondMaturityYears=5")]
    [InlineData("Finance:LoanMaturityYears=3")]
    [InlineData("Finance:SpreadPerTurnOfLeverage=0.02")]
    [InlineData("Borrowing:MinCashMonths=3")]
    [InlineData("Borrowing:MaxCashMonths=3")]
    [InlineData("Clouds:Google:PayoutRatio=0.5")]
    [InlineData("Clouds:Oracle:MaxNetDebtToEbitda=6")]
    [InlineData("Clouds:Meta:AiAttributableRevenueShare=0.6")]
    public void Moving_a_parameter_changes_the_baseline_run(string assignment) =>
        Assert.NotEqual(Fingerprint(), Fingerprint(assignment));

    /// <summary>Parameters that bind only in some runs, each with a run where it does.</summary>
    [Theory]
    [InlineData("Sentiment:DefaultShock=0.3", "Finance:Leverage=4", "Shocks:DemandShortfall:Enabled=true", "Shocks:DemandShortfall:Fraction=0.8")]
    [InlineData("Borrowing:BorrowingBaseRevenueYears=50", "Finance:Leverage=0.5")]
    [InlineData("Funding:MinSentimentForLending=2", "Finance:Leverage=4")]
    [InlineData("Borrowing:InvestmentGradeBufferUsdBn=20", "Policies:Borrowing=CashBuffer")]
    [InlineData("Borrowing:DistressLeverageMultiple=1", "Clouds:AWS:OtherOperatingCashFlowUsdBn=0", "Clouds:AWS:MaxNetDebtToEbitda=1")]
    [InlineData("TokenPricing:PriceWarShareOfMarket=0.5", "Policies:Pricing=PriceWarPricing")]
    [InlineData("TokenPricing:PriceWarCostFloor=0.9", "Policies:Pricing=PriceWarPricing")]
    // A neocloud pays the sentiment-dependent spread only while it carries debt into a downturn.
    [InlineData("Finance:NeocloudSpreadSentimentSlope=3", "Finance:Leverage=4", "Shocks:DemandShortfall:Enabled=true", "Shocks:DemandShortfall:Fraction=0.6")]
    // The cost-plus rent and the full-cost quote are the alternative rules.
    [InlineData("SpotMarket:ScarcityFloor=1", "Policies:SpotPrice=CostPlusRent")]
    [InlineData("SpotMarket:ScarcitySlope=2", "Policies:SpotPrice=CostPlusRent")]
    [InlineData("SpotMarket:TightnessKnee=0.3", "Policies:SpotPrice=CostPlusRent")]
    [InlineData("SpotMarket:TightnessSpan=0.5", "Policies:SpotPrice=CostPlusRent")]
    [InlineData("SpotMarket:AdjustmentMonths=2", "Policies:SpotPrice=CostPlusRent")]
    [InlineData("SpotMarket:PowerCostFloorMultiple=10", "Policies:SpotPrice=CostPlusRent", "SpotMarket:ScarcityFloor=0.1", "SpotMarket:ScarcitySlope=0")]
    [InlineData("ContractPricing:Markup=0.3", "Policies:ContractQuote=FullCostQuote")]
    [InlineData("ContractPricing:ScarcityMarkup=1", "Policies:ContractQuote=FullCostQuote")]
    [InlineData("ContractPricing:TightnessKnee=0.5", "Policies:ContractQuote=FullCostQuote")]
    [InlineData("ContractPricing:SpotCeilingMultiple=1", "Policies:ContractQuote=FullCostQuote")]
    [InlineData("ContractPricing:CostFloorShare=1", "Policies:ContractQuote=FullCostQuote", "ContractPricing:SpotCeilingMultiple=0.1")]
    [InlineData("Hardware:UneconomicMonthsToRetire=12", "Hardware:PowerPriceUsdPerMwh=250", "Hardware:MaxLifeYears=15")]
    [InlineData("Hardware:FixedLifeRetirement:EconomicLifeYears=3", "Policies:Retirement=FixedLifeRetirement")]
    public void Moving_a_parameter_changes_a_run_where_it_binds(string assignment, params string[] run) =>
        Assert.NotEqual(Fingerprint(run), Fingerprint([.. run, assignment]));

    [Fact]
    public void Demand_segment_shares_must_sum_to_one()
    {
        var message = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(null, ["Demand:Consumer:Share=0.5"])).Message;
        Assert.StartsWith("Demand:Consumer:Share, Demand:Enterprise:Share, Demand:Agentic:Share: must sum to 1, not 1.", message);
        ScenarioLoader.Load(null, ["Demand:Consumer:Share=0.5", "Demand:Enterprise:Share=0.35"]);
    }
}
