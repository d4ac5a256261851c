using System.Security.Cryptography;
using MarketSim.Cli;
using MarketSim.Data;
using MarketSim.Data.Sweeps;

namespace MarketSim.Experiments.Tests;

/// <summary>kill -9 of merge and analyze at several moments: nothing lost, nothing half-written, a rerun completes.</summary>
public class KillTests
{
    private static int Cli(params string[] args) => Program.Invoke(args, new StringWriter(), new StringWriter());

    private static readonly int[] KillAfterMs = [150, 300, 500, 800, 1200];

    [Fact]
    public void Merge_killed_at_any_moment_loses_nothing_and_leaves_no_table_a_reader_accepts_half_written()
    {
        using var tmp = new TempDir();
        var spec = Specs.Parse(Specs.Small.Replace("\"samples\": 40", "\"samples\": 1000").Replace("\"annual\"", "\"monthly\""));
        for (var k = 0; k < 2; k++) SweepRunner.Run(spec, new SweepOptions(tmp["out"], Workers: 2, Shard: k, Shards: 2), _ => new FakeModel());
        Copy(tmp["out"], tmp["ref"]);
        Assert.Equal(0, Cli("merge", tmp["ref"]));
        var shards = Fingerprint(tmp["out/shards"]);

        var killed = 0;
        foreach (var ms in KillAfterMs)
        {
            if (KillAfter(["merge", tmp["out"]], ms)) killed++;
            Assert.Equal(shards, Fingerprint(tmp["out/shards"]));
            AssertWholeOrRefused(tmp["ref"], tmp["out"]);
        }
        Assert.True(killed > 0, "every merge finished before its kill");
        Assert.Equal(0, Cli("merge", tmp["out"]));
        Specs.AssertSameTables(tmp["ref"], tmp["out"]);
    }

    [Fact]
    public void Analyze_killed_at_any_moment_leaves_the_old_analysis_or_none_and_never_a_partial_one()
    {
        using var tmp = new TempDir();
        var spec = Specs.Parse(Specs.Small.Replace("\"lhs\", \"samples\": 40", "\"saltelli\", \"samples\": 512"));
        SweepRunner.Run(spec, new SweepOptions(tmp["out"], Workers: 2), _ => new FakeModel());
        Copy(tmp["out"], tmp["ref"]);
        Assert.Equal(0, Cli("analyze", tmp["ref"], "--bootstrap", "20000"));
        var reference = Fingerprint(tmp["ref/analysis"]);
        var tables = Fingerprint(tmp["out"]);

        var killed = 0;
        foreach (var ms in KillAfterMs)
        {
            if (KillAfter(["analyze", tmp["out"], "--bootstrap", "20000"], ms)) killed++;
            if (Directory.Exists(tmp["out/analysis"])) Assert.Equal(reference, Fingerprint(tmp["out/analysis"]));
            Assert.Equal(tables, Fingerprint(tmp["out"], except: ["analysis", DirectoryLock.FileName]));
        }
        Assert.True(killed > 0, "every analyze finished before its kill");
        Assert.Equal(0, Cli("analyze", tmp["out"], "--bootstrap", "20000"));
        Assert.Equal(reference, Fingerprint(tmp["out/analysis"]));
        Assert.Empty(Directory.GetDirectories(tmp["out"], "analysis.tmp-*").Concat(Directory.GetDirectories(tmp["out"], "analysis.old-*")));
    }

    /// <summary>A reader either refuses the directory (a merge cut short) or reads exactly the reference tables.</summary>
    private static void AssertWholeOrRefused(string reference, string dir)
    {
        try { SweepTables.Read(dir, timeseries: true); }
        catch (DataFileException) { return; }
        Specs.AssertSameTables(reference, dir);
    }

    /// <summary>Starts the command in its own process and kills it after <paramref name="ms"/>; whether it was still running.</summary>
    private static bool KillAfter(string[] args, int ms)
    {
        using var process = DirectoryTests.Start(args);
        Thread.Sleep(ms);
        var running = !process.HasExited;
        if (running) process.Kill();
        process.WaitForExit();
        return running;
    }

    private static string Fingerprint(string dir, string[]? except = null) => string.Join("\n",
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Where(f => except is null || !except.Any(e => Path.GetRelativePath(dir, f).StartsWith(e, StringComparison.Ordinal)))
            .Where(f => !f.EndsWith(DirectoryLock.FileName, StringComparison.Ordinal))
            .Select(f => $"{Path.GetRelativePath(dir, f)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}"));

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
