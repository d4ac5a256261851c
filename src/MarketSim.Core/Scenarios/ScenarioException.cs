namespace MarketSim.Core.Scenarios;

/// <summary>Bad user input: the CLI prints the one-line message on stderr and exits with code 2.</summary>
public sealed class ScenarioException(string message) : Exception(message);
