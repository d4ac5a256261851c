namespace MarketSim.Plots.Tests;

/// <summary>A fresh directory under the system temp folder, deleted when the test ends.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "marketsim-plots-" + Guid.NewGuid().ToString("N"));

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("MARKETSIM_KEEP_TEST_DIRS") is null && Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
