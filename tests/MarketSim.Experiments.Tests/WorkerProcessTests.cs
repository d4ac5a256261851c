using System.Diagnostics;
using System.Text;
using MarketSim.Cli;
using MarketSim.Cli.Commands;
using MarketSim.Core.Scenarios;
using MarketSim.Data.Sweeps;
using MarketSim.Experiments.Running;

namespace MarketSim.Experiments.Tests;

/// <summary>
/// sweep --workers N runs its runs in N worker processes: the files are those of one worker, a worker killed ends
/// the sweep clearly and resumably, workers do not outlive their sweep, and a worker that reads other files than its
/// sweep refuses to run.
/// </summary>
public class WorkerProcessTests
{
    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Invoke(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static readonly string Monthly = Specs.Small.Replace("\"annual\"", "\"monthly\"");

    [Fact]
    public void Files_are_byte_identical_for_one_two_and_three_worker_processes_and_for_shards()
    {
        using var tmp = new TempDir();
        var spec = Specs.Write(tmp, Monthly);
        Assert.Equal(0, Cli("sweep", spec, "--out", tmp["one"], "--workers", "1").Code);
        foreach (var workers in new[] { "2", "3" })
        {
            Assert.Equal(0, Cli("sweep", spec, "--out", tmp[workers], "--workers", workers).Code);
            Specs.AssertSameTables(tmp["one"], tmp[workers]);
        }
        for (var k = 0; k < 3; k++) Assert.Equal(0, Cli("sweep", spec, "--out", tmp["sharded"], "--workers", "2", "--shard", $"{k}", "--shards", "3").Code);
        Assert.Equal(0, Cli("merge", tmp["sharded"]).Code);
        Specs.AssertSameTables(tmp["one"], tmp["sharded"]);
    }

    [Fact]
    public void A_killed_worker_fails_the_sweep_clearly_and_a_resume_completes_it_identically()
    {
        using var tmp = new TempDir();
        var spec = Specs.Write(tmp, Specs.Small.Replace("\"samples\": 40", "\"samples\": 200"));
        Assert.Equal(0, Cli("sweep", spec, "--out", tmp["ref"]).Code);

        using (var sweep = DirectoryTests.Start(["sweep", spec, "--out", tmp["out"], "--workers", "2"], delayMs: 8))
        {
            DirectoryTests.WaitFor(() => CommittedRuns(tmp["out"]) > 20, sweep);
            var workers = WaitForWorkers(sweep.Id, 2);
            using (var victim = Process.GetProcessById(workers[1])) victim.Kill();
            Assert.True(sweep.WaitForExit(TimeSpan.FromSeconds(30)), "the sweep went on without its worker");
            var err = sweep.StandardError.ReadToEnd();
            Assert.Equal(ExitCodes.Failure, sweep.ExitCode);
            Assert.Contains("sweep worker 2 of 2", err);
            Assert.Contains("--resume continues the sweep", err);
            AssertGone(workers[0]);
        }
        Assert.InRange(CommittedRuns(tmp["out"]), 1, 399);

        Assert.Equal(0, Cli("sweep", spec, "--out", tmp["out"], "--workers", "2", "--resume").Code);
        Specs.AssertSameTables(tmp["ref"], tmp["out"]);
    }

    [Fact]
    public void Workers_stop_when_their_sweep_is_killed_and_a_resume_is_identical()
    {
        using var tmp = new TempDir();
        var spec = Specs.Write(tmp, Specs.Small.Replace("\"samples\": 40", "\"samples\": 200"));
        Assert.Equal(0, Cli("sweep", spec, "--out", tmp["ref"]).Code);

        using (var sweep = DirectoryTests.Start(["sweep", spec, "--out", tmp["out"], "--workers", "3"], delayMs: 8))
        {
            DirectoryTests.WaitFor(() => CommittedRuns(tmp["out"]) > 20, sweep);
            var workers = WaitForWorkers(sweep.Id, 3);
            sweep.Kill(); // SIGKILL: the sweep tells its workers nothing
            sweep.WaitForExit();
            foreach (var worker in workers) AssertGone(worker);
        }
        Assert.InRange(CommittedRuns(tmp["out"]), 1, 399);
        Assert.Equal(0, Cli("sweep", spec, "--out", tmp["out"], "--workers", "2", "--resume").Code);
        Specs.AssertSameTables(tmp["ref"], tmp["out"]);
    }

    [Fact]
    public void A_worker_refuses_a_spec_edited_after_the_sweep_read_it()
    {
        using var tmp = new TempDir();
        var path = Specs.Write(tmp, Specs.Small.Replace("\"seed\": 7", "\"seed\": 8")); // the file as the workers will read it
        var asRead = Specs.Parse(Specs.Small, path);
        var e = Assert.Throws<SpecException>(() => SweepRunner.Run(asRead, Processes(tmp["out"], path), SweepModel.Load));
        Assert.Contains("changed after the sweep started", e.Message);
        Assert.Single(File.ReadAllLines(tmp["out/runs.csv"])); // nothing was run

        File.WriteAllText(path, Specs.Small);
        SweepRunner.Run(asRead, Processes(tmp["out"], path) with { Resume = true }, SweepModel.Load);
        Assert.Equal(81, File.ReadAllLines(tmp["out/runs.csv"]).Length);
    }

    [Fact]
    public void A_worker_refuses_a_scenario_other_than_the_sweep_loaded()
    {
        using var tmp = new TempDir();
        var path = Specs.Write(tmp, Specs.Small);
        var edited = new ScenarioRunModel(ScenarioLoader.Load(null, ["Demand:PriceElasticity=1.1"])); // the scenario file before an edit
        var e = Assert.Throws<SpecException>(() => SweepRunner.Run(Specs.Parse(Specs.Small, path), Processes(tmp["out"], path), _ => edited));
        Assert.Contains("changed after the sweep started", e.Message);
        Assert.Single(File.ReadAllLines(tmp["out/runs.csv"]));
    }

    [Fact]
    public void Workers_start_before_the_sweep_loads_its_model_and_stop_when_a_check_ends_it_there()
    {
        using var tmp = new TempDir();
        var path = Specs.Write(tmp, Specs.Small);
        int[] startedBeforeTheModel = [];
        var e = Assert.Throws<SpecException>(() => SweepRunner.Run(Specs.Parse(Specs.Small, path), Processes(tmp["out"], path), _ =>
        {
            startedBeforeTheModel = WorkersOf(path);
            throw new SpecException("the model refuses");
        }));
        Assert.Equal("the model refuses", e.Message);
        Assert.Equal(2, startedBeforeTheModel.Length);
        foreach (var worker in startedBeforeTheModel) AssertGone(worker);
        Assert.False(File.Exists(tmp["out/runs.csv"]));
    }

    // This process's children serving the sweep of specFile (other tests start workers of their own meanwhile).
    private static int[] WorkersOf(string specFile) =>
        Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(name => name!.All(char.IsAsciiDigit)).Select(int.Parse!)
            .Where(pid => ParentOf(pid) == Environment.ProcessId && CommandLine(pid).Contains(Path.GetFullPath(specFile))).ToArray();

    private static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); }
        catch (IOException) { return ""; }
    }

    [Fact]
    public void A_worker_sent_garbage_fails_with_one_line_not_a_stack_trace()
    {
        using var tmp = new TempDir();
        var start = SweepWorkerCommand.StartInfo(Specs.Write(tmp, Specs.Small));
        start.RedirectStandardError = start.RedirectStandardInput = start.RedirectStandardOutput = true;
        using var worker = Process.Start(start)!;
        worker.StandardInput.BaseStream.Write([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]); // no length prefix ever ends so
        worker.StandardInput.Close();
        var stderr = worker.StandardError.ReadToEnd();
        worker.WaitForExit();

        Assert.Equal(ExitCodes.Failure, worker.ExitCode);
        Assert.StartsWith("error: sweep worker: ", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void The_protocol_carries_runs_bit_for_bit()
    {
        var runs = new[]
        {
            new RenderedRun(new RunStatusRow(3, true, 0.1234567891234, ""), "3,x,1.5\n3,é,2\n", 2, "3,0,2025-01,a,b,0.1\n", 1),
            new RenderedRun(RunStatusRow.Failure(7, double.Epsilon, "the model broke\non two lines"), "", 0, "", 0),
            new RenderedRun(new RunStatusRow(long.MaxValue, true, 0, ""), new string('s', 100_000), long.MaxValue - 1, "", 0),
        };
        using var pipe = new MemoryStream();
        using (var writer = new BinaryWriter(pipe, Encoding.UTF8, leaveOpen: true))
            foreach (var run in runs) WorkerProtocol.WriteRun(writer, run);
        pipe.Position = 0;
        using var reader = new BinaryReader(pipe, Encoding.UTF8);
        foreach (var run in runs)
        {
            var read = WorkerProtocol.ReadRun(reader);
            Assert.Equal(run, read);
            Assert.Equal(BitConverter.DoubleToInt64Bits(run.Status.Seconds), BitConverter.DoubleToInt64Bits(read.Status.Seconds));
        }
        Assert.Throws<EndOfStreamException>(() => WorkerProtocol.ReadRun(reader));

        using var request = new MemoryStream();
        long[][] blocks = [[0, 1, 5], [300], [301, 1L << 40], []];
        using (var writer = new BinaryWriter(request, Encoding.UTF8, leaveOpen: true))
        {
            WorkerProtocol.WriteFingerprint(writer, "abc");
            foreach (var block in blocks) WorkerProtocol.WriteBlock(writer, block);
        }
        var whole = request.ToArray();
        using (var sent = new BinaryReader(new MemoryStream(whole), Encoding.UTF8))
        {
            Assert.Equal("abc", WorkerProtocol.ReadFingerprint(sent));
            foreach (var block in blocks) Assert.Equal(block, WorkerProtocol.ReadBlock(sent));
            Assert.Null(WorkerProtocol.ReadBlock(sent)); // the sweep closed the input between blocks: no more runs
        }
        using (var cut = new BinaryReader(new MemoryStream(whole[..^3]), Encoding.UTF8)) // the input ends inside the third block
        {
            WorkerProtocol.ReadFingerprint(cut);
            WorkerProtocol.ReadBlock(cut);
            WorkerProtocol.ReadBlock(cut);
            Assert.Throws<EndOfStreamException>(() => WorkerProtocol.ReadBlock(cut));
        }
    }

    private static SweepOptions Processes(string dir, string specFile) =>
        new(dir, Workers: 2, WorkerProcess: () => SweepWorkerCommand.StartInfo(specFile));

    private static int CommittedRuns(string dir)
    {
        var runs = Path.Combine(dir, "runs.csv");
        if (!File.Exists(runs)) return 0;
        using var stream = new FileStream(runs, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Count(c => c == '\n') - 1;
    }

    /// <summary>The worker processes of a sweep: its children (Linux: the parent pid in /proc/PID/stat).</summary>
    private static int[] WaitForWorkers(int sweepPid, int count)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var children = Directory.GetDirectories("/proc").Select(Path.GetFileName)
                .Where(name => name!.All(char.IsAsciiDigit)).Select(int.Parse!).Where(pid => ParentOf(pid) == sweepPid).Order().ToArray();
            if (children.Length >= count || clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                Assert.Equal(count, children.Length);
                return children;
            }
            Thread.Sleep(20);
        }
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]); // after "pid (comm) state "
        }
        catch (IOException) { return -1; }
    }

    private static void AssertGone(int pid)
    {
        var clock = Stopwatch.StartNew();
        while (Alive(pid) && clock.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(20);
        Assert.False(Alive(pid), $"worker {pid} outlived its sweep");
    }

    // A zombie (state Z) has stopped; only its parent's wait is missing.
    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (IOException) { return false; }
    }

    [Fact]
    public void Workers_with_too_few_runs_to_repay_profile_guided_compilation_start_without_it_unless_the_user_chose()
    {
        var limit = StartedWorkers.RunsPerWorkerForProfileGuidedCompilation;

        var few = new ProcessStartInfo("marketsim");
        few.Environment.Remove("DOTNET_TieredPGO");
        StartedWorkers.LeaveOutProfileGuidedCompilation(few, limit - 1);
        Assert.Equal("0", few.Environment["DOTNET_TieredPGO"]);

        var many = new ProcessStartInfo("marketsim");
        many.Environment.Remove("DOTNET_TieredPGO");
        StartedWorkers.LeaveOutProfileGuidedCompilation(many, limit);
        Assert.False(many.Environment.ContainsKey("DOTNET_TieredPGO"));

        var chosen = new ProcessStartInfo("marketsim");
        chosen.Environment["DOTNET_TieredPGO"] = "1";
        StartedWorkers.LeaveOutProfileGuidedCompilation(chosen, 1);
        Assert.Equal("1", chosen.Environment["DOTNET_TieredPGO"]);
    }
}
