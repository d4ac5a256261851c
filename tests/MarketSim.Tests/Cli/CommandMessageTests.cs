namespace MarketSim.Tests.Cli;

/// <summary>Messages about the command line itself: one line, exit 2, saying what was typed and what is allowed.</summary>
public sealed class CommandMessageTests
{
    private const string Commands = "commands: run, sweep, calibrate, merge, analyze, plot, report, bench, deals, params";

    private static void AssertRefused(string expected, params string[] args)
    {
        var outcome = CliOutcome.Run(args);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal("error: " + expected, Assert.Single(outcome.StderrLines));
        Assert.Equal("", outcome.Stdout);
    }

    [Fact]
    public void An_unknown_command_lists_the_commands() =>
        AssertRefused($"'simulate' is not a command; {Commands} (marketsim COMMAND --help for each)", "simulate", "--seed", "2");

    [Fact]
    public void No_command_lists_the_commands() =>
        AssertRefused($"no command given; {Commands} (marketsim COMMAND --help for each)", "--verbose");

    [Fact]
    public void Bench_refuses_a_seed_whose_runs_would_pass_the_largest_seed_as_the_user_typed_it() => AssertRefused(
        "--seed: 2147483647 is out of range with --runs 100 and --warmup 20; allowed 0 to 2147483548 (the runs use seeds seed to seed+99)",
        "bench", "--seed", "2147483647");

    [Theory]
    [InlineData("--runs", "0", "--runs: 0 is out of range; allowed 1 to 2147483647")]
    [InlineData("--warmup", "5000000000", "--warmup: 5000000000 is out of range; allowed 0 to 2147483647")]
    [InlineData("--runs", "ten", "--runs: 'ten' is not a whole number; allowed 1 to 2147483647")]
    public void Bench_counts_are_reported_as_typed(string option, string value, string expected) =>
        AssertRefused(expected, "bench", option, value);
}
