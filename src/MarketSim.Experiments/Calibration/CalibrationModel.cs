using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;
using MarketSim.Experiments.Running;

namespace MarketSim.Experiments.Calibration;

/// <summary>What a scenario key accepts: its type (double, int, bool, string, month) and, for numbers, its range.</summary>
public sealed record KeyInfo(string Type, double Min, double Max)
{
    public bool IsNumber => Type == "double";
}

/// <summary>A model to calibrate: runs by scenario overrides, and says what each key accepts.</summary>
public interface ICalibrationModel : IRunModel
{
    /// <summary>The key's type and range, or null when the scenario has no such key.</summary>
    KeyInfo? Describe(string key);
}

/// <summary>The real model: a base scenario (the backtest, say) with its keys as <c>marketsim params</c> lists them.</summary>
public sealed class ScenarioCalibrationModel : ICalibrationModel
{
    private readonly ScenarioRunModel _model;
    private readonly Dictionary<string, KeyInfo> _keys = new(StringComparer.OrdinalIgnoreCase);

    public ScenarioCalibrationModel(ScenarioRunModel model)
    {
        _model = model;
        foreach (var k in ScenarioLoader.ParameterKeys(model.BaseScenario, model.Rules))
            _keys[k.Key] = k.Parameter is { HasRange: true } p ? new KeyInfo(k.Type, p.Min, p.Max) : new KeyInfo(k.Type, double.NaN, double.NaN);
    }

    public static ScenarioCalibrationModel Load(string nameOrPath) => new(ScenarioRunModel.Load(nameOrPath));

    public KeyInfo? Describe(string key)
    {
        if (_keys.TryGetValue(key, out var info)) return info;
        // Agent keys are listed once, with the agent's name as a placeholder: Clouds:<name>:BuildAmbition.
        var parts = key.Split(':');
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var general = string.Join(':', parts.Select((p, j) => j == i ? "<name>" : p));
            if (_keys.TryGetValue(general, out info)) return info;
        }
        return null;
    }

    public void Check(IReadOnlyList<KeyValuePair<string, string>> overrides) => _model.Check(overrides);

    public RunResult Run(IReadOnlyList<KeyValuePair<string, string>> overrides, int seed) => _model.Run(overrides, seed);
}
