using System.Globalization;
using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;
using MarketSim.Experiments.Calibration;

namespace MarketSim.Experiments.Tests.Calibration;

/// <summary>
/// A cheap stochastic model for calibration tests: a firm whose monthly revenue starts at Toy:Level and grows at
/// Toy:Growth a year, with 5% lognormal noise a month, and a market price that mean-reverts to Toy:Price.
/// </summary>
internal sealed class ToyMarket : ICalibrationModel
{
    public static readonly Dictionary<string, KeyInfo> Keys = new()
    {
        ["Toy:Level"] = new("double", 0.01, 100),
        ["Toy:Growth"] = new("double", 0, 3),
        ["Toy:Price"] = new("double", 0.1, 20),
        ["Toy:Name"] = new("string", double.NaN, double.NaN),
    };

    public KeyInfo? Describe(string key) => Keys.GetValueOrDefault(key);

    public void Check(IReadOnlyList<KeyValuePair<string, string>> overrides)
    {
        foreach (var (key, value) in overrides)
        {
            if (!Keys.TryGetValue(key, out var info)) throw new ScenarioException($"{key}: unknown key");
            if (info.IsNumber && double.Parse(value, CultureInfo.InvariantCulture) is var x && (x < info.Min || x > info.Max))
                throw new ScenarioException($"{key}: {value} is out of range; allowed {info.Min} to {info.Max}");
        }
    }

    public RunResult Run(IReadOnlyList<KeyValuePair<string, string>> overrides, int seed)
    {
        Check(overrides);
        double Get(string key, double fallback) =>
            overrides.LastOrDefault(o => o.Key == key).Value is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var (level, growth, price) = (Get("Toy:Level", 1), Get("Toy:Growth", 0.5), Get("Toy:Price", 2));
        var random = new Random(seed);
        double Noise() => Math.Exp(0.05 * MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1));
        var dates = Enumerable.Range(0, 24).Select(i => new YearMonth(2023, 1).AddMonths(i).ToString()).ToArray();
        var revenue = dates.Select((_, m) => level * Math.Exp(growth * m / 12.0) * Noise()).ToArray();
        var prices = new double[dates.Length];
        var p = price * 2;
        for (var m = 0; m < dates.Length; m++) prices[m] = p = (p + 0.3 * (price - p)) * Noise();
        return new RunResult("toy", seed, dates,
            [new("Firm", "chipmaker", "revenue_usd_bn", Aggregation.Flow, revenue), new("Market", "market", "gpu_hour_price_usd", Aggregation.Level, prices)],
            [], []);
    }

    /// <summary>A data file in the layout of calibration_targets.csv with the toy's quarterly revenue and yearly prices.</summary>
    public static void WriteData(string path, double level, double growth, double price, int seed)
    {
        var run = new ToyMarket().Run([new("Toy:Level", Num(level)), new("Toy:Growth", Num(growth)), new("Toy:Price", Num(price))], seed);
        var lines = new List<string> { "series,entity,period,period_start,period_end,value,unit,source,note" };
        for (var q = 0; q < 8; q++)
        {
            var value = run.Series[0].Values.Skip(3 * q).Take(3).Sum();
            lines.Add($"toy_revenue,Firm,{2023 + q / 4} Q{q % 4 + 1},{run.Dates[3 * q]},{run.Dates[3 * q + 2]},{Num(value)},USD bn,simulated,");
        }
        for (var y = 0; y < 2; y++)
            lines.Add($"toy_price,Market,{2023 + y},{run.Dates[12 * y]},{run.Dates[12 * y + 11]},{Num(run.Series[1].Values.Skip(12 * y).Take(12).Average())},USD,simulated,");
        lines.Add("toy_revenue,Firm,2025 Q1,2025-01,2025-03,9,USD bn,simulated,after the history");
        File.WriteAllLines(path, lines);
    }

    /// <summary>A spec calibrating Level, Growth and Price against the toy data file.</summary>
    public static string Spec(string data, int seed, int particles = 40, string extraParameter = "") => $$"""
        { "name": "toy", "scenario": "backtest", "seed": {{seed}}, "data": "{{data}}",
          "method": { "particles": {{particles}}, "generations": 8 },
          "parameters": [
            { "key": "Toy:Level", "prior": "log-uniform", "min": 0.1, "max": 10 },
            { "key": "Toy:Growth", "prior": "uniform", "min": 0, "max": 2 },
            { "key": "Toy:Price", "prior": "truncated-normal", "mean": 3, "sd": 2, "min": 0.5, "max": 10 }{{extraParameter}}
          ],
          "targets": [
            { "series": "toy_revenue", "entity": "Firm", "agent": "Firm", "metric": "revenue_usd_bn", "to": "2024-12" },
            { "series": "toy_price", "entity": "Market", "agent": "Market", "metric": "gpu_hour_price_usd", "transform": "relative" }
          ] }
        """;

    public static string Num(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
