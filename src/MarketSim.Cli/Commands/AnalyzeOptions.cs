using System.CommandLine;
using System.Globalization;
using MarketSim.Analysis;
using MarketSim.Analysis.Sweeps;

namespace MarketSim.Cli.Commands;

/// <summary>analyze's options for scenario discovery and the focus metrics, checked as bad input (exit 2).</summary>
internal sealed class AnalyzeOptions
{
    private static readonly AnalysisSettings Defaults = new();

    private readonly Option<string[]> _primStep = new("--prim-step")
    {
        Description = "Report step K of box 1 of every PRIM target, or TARGET=K for one (justified, not_justified); repeatable",
    };
    private readonly Option<string> _primObjective = new("--prim-objective")
    {
        Description = "PRIM objective: lenient1 (default), lenient2 or original",
        DefaultValueFactory = _ => "lenient1",
    };
    private readonly Option<string> _primBoxes = new("--prim-boxes")
    {
        Description = "Most PRIM boxes per target, found in sequence (1 to 20)",
        DefaultValueFactory = _ => "3",
    };
    private readonly Option<string> _focus = new("--focus")
    {
        Description = "Metrics that also get delta, PAWN, Sobol convergence and feature scores: comma-separated names, " +
            "or all (default: enduser_cohort_2026_2027_npv_usd_bn, else cohort_2026_2027_npv_usd_bn, else the first varying metric)",
    };
    private readonly Option<string> _momentBootstrap = new("--moment-bootstrap")
    {
        Description = "Bootstrap resamples of delta and PAWN (2 to 10000)",
        DefaultValueFactory = _ => Defaults.MomentBootstrap.ToString(CultureInfo.InvariantCulture),
    };
    private readonly Option<string> _trees = new("--trees")
    {
        Description = "Extra trees for the feature scores (1 to 10000)",
        DefaultValueFactory = _ => Defaults.Trees.ToString(CultureInfo.InvariantCulture),
    };

    private readonly Option<string> _focusRuns = new("--focus-runs")
    {
        Description = "Most runs that delta, PAWN and the feature scores read; a larger sweep gives them a seeded random subset (10 to 100000000)",
        DefaultValueFactory = _ => Defaults.FocusRuns.ToString(CultureInfo.InvariantCulture),
    };

    public static AnalyzeOptions Create() => new();

    public void AddTo(Command command)
    {
        _primStep.AllowMultipleArgumentsPerToken = false;
        foreach (var option in new Option[] { _primStep, _primObjective, _primBoxes, _focus, _momentBootstrap, _trees, _focusRuns })
            command.Options.Add(option);
    }

    public AnalysisSettings Apply(ParseResult parse, AnalysisSettings settings)
    {
        var objective = parse.GetValue(_primObjective) switch
        {
            "lenient1" => PrimObjective.Lenient1,
            "lenient2" => PrimObjective.Lenient2,
            "original" => PrimObjective.Original,
            var other => throw new AnalysisInputException($"--prim-objective: {other} is not allowed; allowed lenient1, lenient2 or original"),
        };
        var steps = new Dictionary<string, int>();
        foreach (var text in parse.GetValue(_primStep) ?? [])
        {
            var (target, step) = text.Split('=') is [var t, var k] ? (t, k) : ("*", text);
            steps[target] = AnalyzeCommand.WholeNumber("--prim-step", step, 0, int.MaxValue);
        }
        var focus = parse.GetValue(_focus) is { } list
            ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : null;
        if (focus is { Length: 0 }) throw new AnalysisInputException("--focus: give metric names or all");
        return settings with
        {
            Prim = settings.Prim with { Objective = objective, MaxBoxes = AnalyzeCommand.WholeNumber("--prim-boxes", parse.GetValue(_primBoxes)!, 1, 20) },
            PrimSteps = steps,
            Focus = focus,
            MomentBootstrap = AnalyzeCommand.WholeNumber("--moment-bootstrap", parse.GetValue(_momentBootstrap)!, 2, 10_000),
            Trees = AnalyzeCommand.WholeNumber("--trees", parse.GetValue(_trees)!, 1, 10_000),
            FocusRuns = AnalyzeCommand.WholeNumber("--focus-runs", parse.GetValue(_focusRuns)!, 10, 100_000_000),
        };
    }
}
