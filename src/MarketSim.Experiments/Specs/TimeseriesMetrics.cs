namespace MarketSim.Experiments.Specs;

/// <summary>The timeseries metric names of the run output contract, so a typo in outputs.metrics fails up front.</summary>
public static class TimeseriesMetrics
{
    public static readonly IReadOnlyList<string> Known =
    [
        "revenue_usd_bn", "capex_usd_bn", "cash_usd_bn", "debt_usd_bn",
        "units_shipped", "h100e_shipped", "backlog_h100e", "gross_margin",
        "installed_compute_h100e", "powered_mw", "utilization", "ai_capex_usd_bn", "direct_ai_revenue_usd_bn",
        "depreciation_usd_bn", "shell_depreciation_usd_bn", "retired_h100e",
        "tokens_served", "capability", "compute_cost_usd_bn",
        "token_price_usd_per_mtok", "gpu_hour_price_usd", "sentiment", "ai_revenue_usd_bn",
        "cahn_required_revenue_usd_bn", "stranded_mw",
    ];
}
