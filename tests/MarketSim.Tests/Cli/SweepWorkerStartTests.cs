using MarketSim.Cli.Commands;
using MarketSim.Experiments.Running;

namespace MarketSim.Tests.Cli;

/// <summary>
/// A sweep's worker processes skip the command-line parser: each pays its own start, so the arguments the sweep
/// starts them with must be the ones <see cref="SweepWorkerProcess.IsWorker"/> serves at once.
/// </summary>
public sealed class SweepWorkerStartTests
{
    [Fact]
    public void The_arguments_a_sweep_starts_a_worker_with_are_served_without_the_parser()
    {
        var start = SweepWorkerCommand.StartInfo("spec.json");
        var args = start.ArgumentList.SkipWhile(a => a != SweepWorkerCommand.Name).ToArray();

        Assert.True(SweepWorkerProcess.IsWorker(args, out var spec));
        Assert.Equal(Path.GetFullPath("spec.json"), spec);
    }

    [Theory]
    [InlineData("sweep-worker", "--help")]
    [InlineData("sweep-worker", "spec.json", "--verbose")]
    [InlineData("sweep-worker")]
    [InlineData("sweep", "spec.json")]
    public void Anything_else_goes_through_the_parser(params string[] args) =>
        Assert.False(SweepWorkerProcess.IsWorker(args, out _));
}
