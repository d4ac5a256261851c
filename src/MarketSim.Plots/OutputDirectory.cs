using MarketSim.Plots.Input;
using MarketSim.Plots.Run;
using MarketSim.Plots.Sweep;

namespace MarketSim.Plots;

public enum DirectoryKind
{
    Run,
    Sweep,
}

/// <summary>Tells a run directory from a sweep directory and (re)draws its figures; the plot command's entry point.</summary>
public static class OutputDirectory
{
    public static DirectoryKind Detect(string dir)
    {
        if (!Directory.Exists(dir)) throw new PlotInputException($"{dir}: directory not found");
        if (Data.Sweeps.SweepFiles.HoldsSweep(dir)) return DirectoryKind.Sweep;
        if (RunData.Looks(dir)) return DirectoryKind.Run;
        throw new PlotInputException(
            $"{dir}: neither a run directory (timeseries.csv and a MarketSim manifest.json) " +
            "nor a sweep directory (design.csv)");
    }

    /// <summary>Draws every figure of a run or sweep directory into DIR/plots and returns the written paths.</summary>
    public static IReadOnlyList<string> DrawAll(string dir, (string, string)? heatmapKeys = null, TextWriter? log = null) =>
        Detect(dir) == DirectoryKind.Sweep
            ? SweepFigures.DrawAll(dir, heatmapKeys, log)
            : RunFigures.DrawAll(dir);

    /// <summary>Parses <c>KEY1,KEY2</c> as given to <c>--heatmap</c>.</summary>
    public static (string, string)? ParseHeatmapKeys(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        return parts.Length == 2 && parts.All(p => p.Length > 0)
            ? (parts[0], parts[1])
            : throw new PlotInputException($"--heatmap: '{text}' must be two parameter keys separated by a comma, e.g. Demand:GrowthRate,Finance:CostOfCapital");
    }
}
