namespace MarketSim.Cli;

public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    /// <summary>Runs a command body, turning any library's input exception into one line on stderr and exit 2.</summary>
    public static int Guard(TextWriter stderr, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (IsInputError(e))
        {
            stderr.WriteLine($"error: {e.Message}");
            return BadInput;
        }
    }

    public static bool IsInputError(Exception e) => e is Core.Scenarios.ScenarioException
        or Experiments.SpecException or Analysis.AnalysisInputException or Plots.PlotInputException
        or Data.DataFileException or UsageException;
}
