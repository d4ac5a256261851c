using System.Globalization;
using System.Text;

namespace MarketSim.Data;

/// <summary>
/// One writer per output directory: DIR/.marketsim.lock is locked for as long as a command writes DIR, and holds a
/// line naming the holder (pid, host, command, start). A second writer is refused with that line. The lock is a
/// byte-range lock the operating system drops when its process ends, however it ends, so a writer killed with
/// kill -9 leaves a lock nobody holds: the next writer takes it without help and reports the line it found.
/// </summary>
public sealed class DirectoryLock : IDisposable
{
    public const string FileName = ".marketsim.lock";

    // The locked byte lies far beyond the holder line, so a refused writer can still read who holds it.
    private const long LockedByte = 1L << 40;

    // Byte-range locks do not exclude within one process (and closing any handle of the file drops them all), so
    // writers in this process are kept apart here, and nothing else here opens the lock file.
    private static readonly HashSet<string> HeldHere = new(StringComparer.Ordinal);

    private readonly FileStream _file;
    private readonly string _path;

    private DirectoryLock(FileStream file, string path, string? abandonedBy)
    {
        _file = file;
        _path = path;
        AbandonedBy = abandonedBy;
    }

    /// <summary>The holder line of an earlier writer that ended without releasing the lock (it was killed), if any.</summary>
    public string? AbandonedBy { get; }

    /// <summary>
    /// Takes the lock of the existing <paramref name="directory"/> for <paramref name="command"/>, or throws a
    /// <see cref="DataFileException"/> naming the process that holds it. A writer of part of a directory (one shard
    /// of a calibration) takes a lock <paramref name="fileName"/> of its own.
    /// </summary>
    public static DirectoryLock Acquire(string directory, string command, string fileName = FileName)
    {
        var path = Path.GetFullPath(Path.Combine(directory, fileName));
        lock (HeldHere)
        {
            if (!HeldHere.Add(path)) throw Held(directory, "this process");
        }
        FileStream? file = null;
        try
        {
            if (OperatingSystem.IsMacOS())
            {
                // No byte-range locks there: the whole file is locked, so a refused writer cannot read the holder line.
                try { file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
                catch (IOException) { throw Held(directory, "another process"); }
            }
            else
            {
                file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                try { file.Lock(LockedByte, 1); }
                catch (IOException) { throw Held(directory, HolderLine(file) ?? "another process"); }
            }
            var abandonedBy = HolderLine(file);
            file.SetLength(0);
            file.Write(Encoding.UTF8.GetBytes(
                $"pid {Environment.ProcessId} on {Environment.MachineName}: marketsim {command} since " +
                DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) + "\n"));
            file.Flush(flushToDisk: true);
            return new DirectoryLock(file, path, abandonedBy);
        }
        catch
        {
            file?.Dispose();
            lock (HeldHere) HeldHere.Remove(path);
            throw;
        }
    }

    /// <summary>Releases the lock; the emptied file tells the next writer the last one finished.</summary>
    public void Dispose()
    {
        try
        {
            _file.SetLength(0);
            if (!OperatingSystem.IsMacOS()) _file.Unlock(LockedByte, 1);
        }
        finally
        {
            _file.Dispose();
            lock (HeldHere) HeldHere.Remove(_path);
        }
    }

    private static string? HolderLine(FileStream file)
    {
        file.Position = 0;
        var buffer = new byte[512];
        var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var line = Encoding.UTF8.GetString(buffer, 0, read).Split('\n')[0].Trim();
        return line.Length > 0 ? line : null;
    }

    private static DataFileException Held(string directory, string holder) =>
        new($"{directory}: another marketsim is writing here ({holder}); wait for it to finish or choose another directory");
}
