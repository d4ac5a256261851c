using System.Text.Json;
using MarketSim.Core.Scenarios.Binding;
using Microsoft.Extensions.Configuration;

namespace MarketSim.Core.Scenarios;

/// <summary>
/// Resolves a scenario in layers: code defaults, then the built-in base (<c>baseline</c> or <c>backtest</c>), then a
/// user file (which may say <c>"Base": "backtest"</c>), then <c>Section:Key=Value</c> overrides. Every value is
/// validated; bad input throws <see cref="ScenarioException"/> with one line naming the key or file.
/// </summary>
public static class ScenarioLoader
{
    public const string DefaultBuiltIn = "baseline";
    private static readonly string[] BuiltInNames = ["baseline", "backtest"];

    // Each built-in is parsed once per process; sweeps and tests then derive from the resolved record.
    private static readonly Lazy<Scenario>[] BuiltInScenarios =
        BuiltInNames.Select(name => new Lazy<Scenario>(() => LoadBuiltIn(name))).ToArray();

    public static IReadOnlyList<string> BuiltIns => BuiltInNames;

    /// <summary>A built-in name (null means baseline) or a path to a JSON scenario file, then overrides.</summary>
    public static Scenario Load(string? nameOrPath, IEnumerable<string> overrides)
    {
        var scenario = IsBuiltIn(nameOrPath, out var builtIn) ? BuiltIn(builtIn) : LoadFile(nameOrPath!);
        return WithOverrides(scenario, overrides.Select(SplitOverride));
    }

    /// <summary>Applies <c>Section:Key</c> = value overrides to an already resolved scenario, without re-reading files.</summary>
    public static Scenario WithOverrides(Scenario baseScenario, IEnumerable<KeyValuePair<string, string>> overrides)
    {
        var scenario = baseScenario;
        var any = false;
        foreach (var (key, value) in overrides)
        {
            if (string.Equals(key.Trim(), nameof(Scenario.Base), StringComparison.OrdinalIgnoreCase))
                throw new ScenarioException(
                    "Base: cannot be overridden; choose the built-in with --scenario or set \"Base\" in a scenario file");
            scenario = OverrideApplier.Apply(scenario, key, value);
            any = true;
        }
        return any ? ScenarioRules.Check(scenario) : scenario;
    }

    /// <summary>The resolved scenario as indented JSON; loading it back gives an equal scenario.</summary>
    public static string ToJson(Scenario scenario) => ScenarioJson.Write(scenario);

    /// <summary>
    /// Every scalar key with its type, default (the given scenario's value, the baseline's unless given), unit, source,
    /// range and allowed values, in declaration order (agent keys as <c>Clouds:&lt;name&gt;:PoweredMw</c>, with a new
    /// agent's defaults); rule keys list the names the given catalogue holds (the built-in rules by default).
    /// </summary>
    public static IReadOnlyList<ParameterKey> ParameterKeys(Scenario? scenario = null, Rules.RuleCatalog? rules = null) =>
        Binding.ParameterKeys.List(scenario ?? BuiltIn(DefaultBuiltIn), rules ?? Rules.RuleCatalog.BuiltIn);

    private static bool IsBuiltIn(string? nameOrPath, out string name)
    {
        var requested = nameOrPath ?? DefaultBuiltIn;
        name = BuiltInNames.FirstOrDefault(b => string.Equals(b, requested, StringComparison.OrdinalIgnoreCase)) ?? "";
        return name.Length > 0;
    }

    private static Scenario BuiltIn(string name) => BuiltInScenarios[Array.IndexOf(BuiltInNames, name)].Value;

    private static Scenario LoadBuiltIn(string name)
    {
        var resource = $"MarketSim.Scenarios.{name}.json";
        using var stream = typeof(ScenarioLoader).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"built-in scenario resource '{resource}' is missing from the build");
        var layer = ReadJson(stream, $"built-in scenario '{name}'");
        if (layer[nameof(Scenario.Base)] is { } declared && !string.Equals(declared, name, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"built-in scenario '{name}' must not declare another Base ('{declared}')");
        // One generation table serves every built-in: the others start from the baseline's (and may add to it).
        var start = name == DefaultBuiltIn ? new Scenario() : new Scenario { Generations = BuiltIn(DefaultBuiltIn).Generations };
        var scenario = ConfigurationLayer.Apply(start, layer) with { Name = name, Base = name };
        return ScenarioRules.Check(scenario);
    }

    private static Scenario LoadFile(string path)
    {
        if (!File.Exists(path)) throw new ScenarioException($"scenario file '{path}' not found");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException($"scenario file '{path}' cannot be read: {OneLine(e.Message)}");
        }
        var layer = ReadJson(new MemoryStream(bytes), $"scenario file '{path}'");
        var baseProperty = RecordShape.Of(typeof(Scenario)).Resolve(nameof(Scenario.Base), "");
        var baseName = layer[nameof(Scenario.Base)] is { } declared
            ? (string)ValueParser.Parse(baseProperty, nameof(Scenario.Base), declared)
            : DefaultBuiltIn;
        var scenario = ConfigurationLayer.Apply(BuiltIn(baseName), layer)
            with { Name = Path.GetFileNameWithoutExtension(path), Base = baseName };
        return ScenarioRules.Check(scenario);
    }

    private static IConfiguration ReadJson(Stream stream, string what)
    {
        try
        {
            return new ConfigurationBuilder().AddJsonStream(stream).Build();
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidDataException)
        {
            var detail = e.InnerException is { } inner ? inner.Message : e.Message;
            throw new ScenarioException($"{what} is not valid JSON: {OneLine(detail)}");
        }
    }

    private static KeyValuePair<string, string> SplitOverride(string assignment)
    {
        var equals = assignment.IndexOf('=');
        if (equals <= 0)
            throw new ScenarioException($"--set '{assignment}': expected Section:Key=Value, e.g. Demand:PriceElasticity=1.2");
        return new(assignment[..equals].Trim(), assignment[(equals + 1)..]);
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
