using System.Text.Json;

namespace MarketSim.Data;

/// <summary>What an output directory holds, told by the files MarketSim leaves in it.</summary>
public enum OutputKind
{
    /// <summary>Absent or empty.</summary>
    None,
    Run,
    Sweep,
    Calibration,
    /// <summary>Not empty, and nothing in it says MarketSim wrote it.</summary>
    Foreign,
}

/// <summary>
/// Where an output may be written. A run replaces an earlier run only; a sweep writes into an earlier sweep of its
/// own spec only (checked against its manifest), a calibration into an earlier calibration only; none touches
/// another's directory or one MarketSim did not write.
/// </summary>
public static class OutputDirectories
{
    /// <summary>A sweep's marks: its design, its shards, and the lock a writer holds while it works.</summary>
    private static readonly string[] SweepMarks = ["design.csv", "design.parquet", "shards", DirectoryLock.FileName];

    /// <summary>A calibration's mark besides its manifest: the checkpoints it resumes from.</summary>
    private const string CalibrationCheckpoints = "checkpoints";

    public static OutputKind KindOf(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full) || !Directory.EnumerateFileSystemEntries(full).Any()) return OutputKind.None;
        if (Directory.Exists(Path.Combine(full, CalibrationCheckpoints)) || ManifestKindField(Path.Combine(full, "manifest.json")) == "calibration")
            return OutputKind.Calibration;
        if (SweepMarks.Any(mark => Path.Exists(Path.Combine(full, mark)))) return OutputKind.Sweep;
        return ManifestKind(Path.Combine(full, "manifest.json")) ?? OutputKind.Foreign;
    }

    /// <summary>
    /// Throws unless <paramref name="directory"/> can receive a run: absent, empty, or an earlier run holding only
    /// what a run writes (<paramref name="runFiles"/>, and a .tmp of one left by a kill), since the run replaces it whole.
    /// </summary>
    public static void EnsureRunReplaceable(string directory, IReadOnlySet<string> runFiles)
    {
        EnsureNotFile(directory);
        switch (KindOf(directory))
        {
            case OutputKind.Sweep or OutputKind.Calibration:
                throw new DataFileException($"output directory '{directory}' holds a {Noun(KindOf(directory))}; a run never replaces one, choose another --out");
            case OutputKind.Foreign:
                throw new DataFileException($"output directory '{directory}' is not empty and holds no MarketSim manifest.json; choose another --out");
            case OutputKind.Run:
                var stray = Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName)
                    .Where(name => !runFiles.Contains(name!) && !(name!.EndsWith(".tmp", StringComparison.Ordinal) && runFiles.Contains(name[..^4])))
                    .Order(StringComparer.Ordinal).FirstOrDefault();
                if (stray is not null)
                    throw new DataFileException($"output directory '{directory}' holds '{stray}', which a run does not write; " +
                        "the run would delete it: move it or choose another --out");
                break;
        }
    }

    /// <summary>Throws unless <paramref name="directory"/> can receive a sweep: absent, empty, or holding a sweep.</summary>
    public static void EnsureSweepWritable(string directory)
    {
        EnsureNotFile(directory);
        switch (KindOf(directory))
        {
            case OutputKind.Run or OutputKind.Calibration:
                throw new DataFileException($"output directory '{directory}' holds a {Noun(KindOf(directory))}; a sweep never writes into one, choose another --out");
            case OutputKind.Foreign:
                throw new DataFileException($"output directory '{directory}' is not empty and holds no MarketSim sweep; choose another --out");
        }
    }

    /// <summary>
    /// Throws unless <paramref name="directory"/> can receive a calibration: absent, empty, holding a calibration, or
    /// holding only the lock of a calibration killed before it wrote anything.
    /// </summary>
    public static void EnsureCalibrationWritable(string directory)
    {
        EnsureNotFile(directory);
        var kind = KindOf(directory);
        if (kind is OutputKind.None or OutputKind.Calibration) return;
        if (Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).All(IsLockFile)) return;
        throw new DataFileException(kind == OutputKind.Foreign
            ? $"output directory '{directory}' is not empty and holds no MarketSim calibration; choose another --out"
            : $"output directory '{directory}' holds a {Noun(kind)}; a calibration never writes into one, choose another --out");
    }

    // The directory's lock, or a shard's.
    private static bool IsLockFile(string? name) =>
        name is not null && name.StartsWith(".marketsim.", StringComparison.Ordinal) && name.EndsWith(".lock", StringComparison.Ordinal);

    private static string Noun(OutputKind kind) => kind.ToString().ToLowerInvariant();

    private static void EnsureNotFile(string directory)
    {
        if (File.Exists(Path.GetFullPath(directory)))
            throw new DataFileException($"output directory '{directory}' is a file");
    }

    // A sweep manifest has a design; any other MarketSim manifest is a run's (a calibration's is told apart first).
    private static OutputKind? ManifestKind(string path)
    {
        if (!ManifestJson.IsMarketSim(path)) return null;
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.TryGetProperty("design", out _) ? OutputKind.Sweep : OutputKind.Run;
    }

    // The "kind" a MarketSim manifest names (calibrations write one), or null.
    private static string? ManifestKindField(string path)
    {
        if (!ManifestJson.IsMarketSim(path)) return null;
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String ? kind.GetString() : null;
    }
}
