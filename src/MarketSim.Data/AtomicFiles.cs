using System.Text;

namespace MarketSim.Data;

/// <summary>
/// How every output is put in place, so that an interrupted or failed write never leaves half a file or half a
/// directory where a reader looks: files are written beside their target and renamed over it; directories are
/// built as a staging sibling and swapped in whole.
/// </summary>
public static class AtomicFiles
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteFile(string path, Action<Stream> write)
    {
        var tmp = path + ".tmp";
        try
        {
            using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                write(stream);
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    public static void WriteFile(string path, byte[] bytes) => WriteFile(path, s => s.Write(bytes));

    public static void WriteFile(string path, string text) => WriteFile(path, Utf8.GetBytes(text));

    /// <summary>A fresh staging directory beside <paramref name="target"/>, for <see cref="ReplaceDirectory"/>.</summary>
    public static string StagingFor(string target) => $"{Path.GetFullPath(target)}.tmp-{Guid.NewGuid():N}";

    /// <summary>Swaps a finished staging directory in as <paramref name="target"/>, replacing any previous one.</summary>
    public static void ReplaceDirectory(string staging, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }
        var previous = $"{target}.old-{Guid.NewGuid():N}";
        Directory.Move(target, previous);
        Directory.Move(staging, target);
        Directory.Delete(previous, recursive: true);
    }

    /// <summary>
    /// Removes what a writer killed half-way through <see cref="WriteDirectory(string, Action{string})"/> left beside
    /// <paramref name="target"/>: staging and previous copies. Only for a caller that holds the directory's lock.
    /// </summary>
    public static void RemoveLeftovers(string target)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        var parent = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(parent)) return;
        var name = Path.GetFileName(full);
        foreach (var pattern in new[] { $"{name}.tmp-*", $"{name}.old-*" })
            foreach (var leftover in Directory.EnumerateDirectories(parent, pattern))
                Directory.Delete(leftover, recursive: true);
    }

    /// <summary>
    /// Builds a directory in a staging sibling with <paramref name="fill"/> and swaps it in as
    /// <paramref name="target"/>; on failure the staging directory is removed and the target left as it was.
    /// </summary>
    public static void WriteDirectory(string target, Action<string> fill) =>
        WriteDirectory(target, staging => { fill(staging); return true; });

    /// <inheritdoc cref="WriteDirectory(string, Action{string})"/>
    public static T WriteDirectory<T>(string target, Func<string, T> fill)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var staging = StagingFor(full);
        try
        {
            Directory.CreateDirectory(staging);
            var result = fill(staging);
            ReplaceDirectory(staging, full);
            return result;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }
}
