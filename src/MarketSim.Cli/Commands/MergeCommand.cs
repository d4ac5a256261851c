using System.CommandLine;
using MarketSim.Experiments;

namespace MarketSim.Cli.Commands;

/// <summary><c>marketsim merge DIR</c>: joins DIR/shards/*/ into DIR, checking every run id is there exactly once.</summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("dir") { Description = "Sweep results directory holding shards/K-of-N/" };
        var command = new Command("merge", "Merge sharded sweep results into one set of tables") { dir };
        command.SetAction(parse => ExitCodes.Guard(stderr, () =>
        {
            var outcome = ShardMerger.Merge(parse.GetValue(dir)!);
            stdout.WriteLine($"merged {outcome.Shards} shards, {outcome.Runs} runs ({outcome.Failed} failed) into {outcome.Directory}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
