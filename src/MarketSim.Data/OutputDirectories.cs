namespace MarketSim.Data;

/// <summary>Where an output directory may be written: empty, absent, or holding an earlier MarketSim output.</summary>
internal static class OutputDirectories
{
    /// <summary>Throws when <paramref name="directory"/> is a file or a non-empty directory MarketSim did not write.</summary>
    public static void EnsureReplaceable(string directory, string manifestFile)
    {
        var full = Path.GetFullPath(directory);
        if (File.Exists(full))
            throw new DataFileException($"output directory '{directory}' is a file");
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any()
            && !ManifestJson.IsMarketSim(Path.Combine(full, manifestFile)))
            throw new DataFileException(
                $"output directory '{directory}' is not empty and holds no MarketSim {manifestFile}; choose another --out");
    }
}
