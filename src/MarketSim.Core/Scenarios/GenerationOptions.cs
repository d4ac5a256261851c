namespace MarketSim.Core.Scenarios;

/// <summary>
/// One accelerator generation a chipmaker sells, as a row of <c>experiments/data/chip_generations.csv</c> gives it:
/// who sells it, when volume shipments begin, its performance in H100-equivalents, its IT power and its system price
/// per accelerator. The defaults describe an H100 SXM (row <c>nvidia-h100</c>).
/// </summary>
public sealed record GenerationOptions
{
    /// <summary>The chipmaker that sells it: a name under <c>Chipmakers</c>.</summary>
    [Parameter(Unit = "chipmaker name", Source = "chip_generations.csv vendor")]
    public string Vendor { get; init; } = "";

    /// <summary>Architecture or product line (Blackwell, Google TPU, AWS Trainium); a cloud may buy custom silicon of one family.</summary>
    [Parameter(Unit = "family name", Source = "chip_generations.csv family")]
    public string Family { get; init; } = "";

    /// <summary>When volume shipments begin; from then on its vendor ships it in place of older generations.</summary>
    [Parameter(Unit = "month", Source = "chip_generations.csv first_volume_month")]
    public YearMonth FirstVolumeMonth { get; init; } = new(2022, 10);

    /// <summary>Performance per accelerator relative to an H100 SXM, on the metric <see cref="PerformanceMetric"/> names.</summary>
    [Parameter(0.01, 1000, Unit = "H100e per unit", Source = "chip_generations.csv h100e_per_unit (dense BF16) or h100e_fp8_per_unit (dense FP8)")]
    public double H100ePerUnit { get; init; } = 1;

    /// <summary>Which column of the data <see cref="H100ePerUnit"/> comes from: dense BF16 or dense FP8 throughput.</summary>
    [Parameter(Unit = "metric", Source = "chip_generations.csv README: BF16 is the default; FP8 where BF16 understates a chip built for 8-bit")]
    [OneOf("BF16", "FP8")]
    public string PerformanceMetric { get; init; } = "BF16";

    /// <summary>IT power per accelerator, its share of the server or rack included.</summary>
    [Parameter(0.01, 100, Unit = "kW IT per unit", Source = "chip_generations.csv kw_per_unit")]
    public double KwPerUnit { get; init; } = 1.454;

    /// <summary>System price per accelerator, server or rack share included: the price at the vendor's base gross margin.</summary>
    [Parameter(100, 1e7, Unit = "USD per unit", Source = "chip_generations.csv list_price_usd_per_unit")]
    public double PriceUsdPerUnit { get; init; } = 31905;

    /// <summary>The data row behind the figures (<c>chip_generations.csv &lt;id&gt;</c>) and any assumption.</summary>
    [Parameter(Unit = "text", Source = "the row of chip_generations.csv the record copies")]
    public string Source { get; init; } = "";
}
