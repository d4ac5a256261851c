namespace MarketSim.Data;

/// <summary>What every manifest says wrote it.</summary>
public static class Tool
{
    public const string Name = "MarketSim";

    /// <summary>major.minor.patch of the build (no build metadata, so reruns stay byte-identical).</summary>
    public static string Version { get; } = typeof(Tool).Assembly.GetName().Version!.ToString(3);
}
