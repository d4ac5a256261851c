namespace MarketSim.Core.Engine;

/// <summary>
/// The one object of a kind a thread keeps between runs (its storage, working arrays, remembered results): a run takes
/// it when it starts and hands it back when it is done, so the next run on the thread reuses it. A run that finds none
/// free, because another run on the thread still holds it, gets a new one; two runs open at once never share one.
/// </summary>
internal static class ThreadFree<T> where T : class
{
    [ThreadStatic] private static T? _free;

    /// <summary>The thread's free object, or a new one from <paramref name="create"/>.</summary>
    public static T Take(Func<T> create)
    {
        var item = _free ?? create();
        _free = null;
        return item;
    }

    /// <summary>Hands <paramref name="item"/> to the next run on the calling thread.</summary>
    public static void Return(T item) => _free = item;
}
