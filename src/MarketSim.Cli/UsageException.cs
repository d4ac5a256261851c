namespace MarketSim.Cli;

/// <summary>Options that are each valid but do not go together; one line, exit 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
