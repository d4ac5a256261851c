using MarketSim.Data;

namespace MarketSim.Experiments.Calibration;

/// <summary>
/// A calibration's hold on its directory. A whole calibration holds the directory's lock and the lock of every shard
/// that has worked there; a shard holds a lock of its own, since shards of one calibration run side by side (each
/// appends to its own simulation logs), and checks that no whole calibration holds the directory. Each takes its own
/// lock before it checks the other's, so of two that start together at least one sees the other.
/// </summary>
internal sealed class CalibrationLock : IDisposable
{
    private const string ShardLockPattern = ".marketsim.shard-*.lock";

    private readonly List<DirectoryLock> _held;

    private CalibrationLock(List<DirectoryLock> held) => _held = held;

    public static CalibrationLock Acquire(string dir, CalibrationOptions options)
    {
        var held = new List<DirectoryLock>();
        try
        {
            if (options.Sharded)
            {
                held.Add(DirectoryLock.Acquire(dir, $"calibrate --shard {options.Shard} --shards {options.Shards}",
                    $".marketsim.shard-{options.Shard}-of-{options.Shards}.lock"));
                DirectoryLock.Acquire(dir, "calibrate --shard (checking)").Dispose();
            }
            else
            {
                held.Add(DirectoryLock.Acquire(dir, "calibrate"));
                foreach (var file in Directory.EnumerateFiles(dir, ShardLockPattern).Order(StringComparer.Ordinal))
                    held.Add(DirectoryLock.Acquire(dir, "calibrate", Path.GetFileName(file)));
            }
            return new CalibrationLock(held);
        }
        catch
        {
            foreach (var l in held) l.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var l in Enumerable.Reverse(_held)) l.Dispose();
    }
}
