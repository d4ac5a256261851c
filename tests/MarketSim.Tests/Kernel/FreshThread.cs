using MarketSim.Core.Market;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

/// <summary>What tests of a thread's run storage share: a thread no other test has used, and a generation to install.</summary>
internal static class FreshThread
{
    /// <summary>Runs <paramref name="work"/> on a thread of its own, whose storage no other test has used.</summary>
    public static T Run<T>(Func<T> work)
    {
        T value = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { value = work(); }
            catch (Exception e) { failure = e; }
        }, 16 << 20);
        thread.Start();
        thread.Join();
        if (failure is not null) throw new AggregateException(failure);
        return value;
    }

    /// <summary>A made-up accelerator generation.</summary>
    public static readonly Generation Chip = new()
    {
        Id = "test-chip", Vendor = "test", Family = "", FirstVolumeMonth = new YearMonth(2024, 1),
        H100ePerUnit = 2.5, KwPerUnit = 1.7, PriceUsdPerUnit = 61_000,
    };
}
