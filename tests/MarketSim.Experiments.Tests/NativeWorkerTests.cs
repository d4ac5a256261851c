using MarketSim.Cli;
using MarketSim.Cli.Commands;
using MarketSim.Experiments.Running;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments.Tests;

/// <summary>
/// A sweep of two or more workers starts the native worker only when it was built from the sweep's own code, says so
/// in one line when it cannot use it, and gets from it the files its managed workers write. The native worker here
/// is a stand-in script that answers the identity question and runs the managed worker; scripts/check-native-worker.sh
/// builds the real one and compares its files with the managed workers'.
/// </summary>
public sealed class NativeWorkerTests
{
    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Invoke(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A stand-in native worker: logs its first argument, answers with <paramref name="identity"/>, else serves as the managed worker.</summary>
    private static string StandIn(TempDir tmp, string identity, string log, int identityExit = 0)
    {
        var managed = SweepWorkerCommand.StartInfo("spec.json");
        var host = string.Join(" ", new[] { managed.FileName }.Concat(managed.ArgumentList.TakeWhile(a => a != SweepWorkerProcess.Command)).Select(a => $"'{a}'"));
        var path = tmp["marketsim-worker"];
        File.WriteAllText(path, $"""
            #!/bin/sh
            echo "$1" >> '{log}'
            if [ "$1" = {SweepWorkerProcess.IdentityCommand} ] && [ {identityExit} -ne 0 ]; then echo 'cannot run here' >&2; echo 'more' >&2; exit {identityExit}; fi
            if [ "$1" = {SweepWorkerProcess.IdentityCommand} ]; then echo '{identity}'; exit 0; fi
            exec {host} "$@"

            """);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public void A_native_worker_of_this_build_serves_the_sweep_and_its_files_are_the_managed_workers()
    {
        using var tmp = new TempDir();
        var spec = Specs.Write(tmp, Specs.Small.Replace("\"annual\"", "\"monthly\""));
        var worker = StandIn(tmp, WorkerCode.Identity, tmp["started.log"]);
        var stderr = new StringWriter();

        var start = NativeWorker.Choose(WorkerRuntime.Native, worker, stderr);
        SweepRunner.Run(SpecParser.Load(spec), new SweepOptions(tmp["native"], Workers: 2, WorkerProcess: () => start(spec)), SweepModel.Load);
        Assert.Equal(0, Cli("sweep", spec, "--out", tmp["managed"], "--workers", "2", "--worker-runtime", "managed").Code);

        Assert.Equal("", stderr.ToString());
        Assert.Equal([SweepWorkerProcess.IdentityCommand, SweepWorkerProcess.Command, SweepWorkerProcess.Command], File.ReadAllLines(tmp["started.log"]));
        Specs.AssertSameTables(tmp["managed"], tmp["native"]);
    }

    [Fact]
    public void A_native_worker_of_other_code_is_noted_in_one_line_and_left_unused_or_refused_when_asked_for()
    {
        using var tmp = new TempDir();
        var worker = StandIn(tmp, "0 0 0", tmp["started.log"]);
        var stderr = new StringWriter();

        var start = NativeWorker.Choose(WorkerRuntime.Auto, worker, stderr)("spec.json");
        Assert.NotEqual(worker, start.FileName);
        Assert.Equal([SweepWorkerProcess.Command, Path.GetFullPath("spec.json")], start.ArgumentList.TakeLast(2));
        var note = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"note: the native worker at {worker} was built from other code than this program; the sweep uses managed workers", note);

        var e = Assert.Throws<UsageException>(() => NativeWorker.Choose(WorkerRuntime.Native, worker, new StringWriter()));
        Assert.Equal($"--worker-runtime native: the native worker at {worker} was built from other code than this program; " +
            $"build it with: {NativeWorker.BuildCommand}", e.Message);
    }

    [Fact]
    public void A_native_worker_that_fails_to_answer_is_not_used()
    {
        using var tmp = new TempDir();
        var failing = StandIn(tmp, WorkerCode.Identity, tmp["started.log"], identityExit: 3);
        Assert.Equal($"the native worker at {failing} failed when asked which build it is (exit 3: cannot run here)", NativeWorker.Unfit(failing));

        var notExecutable = tmp["not-executable"];
        File.WriteAllText(notExecutable, "not a program");
        Assert.Contains("could not be started", NativeWorker.Unfit(notExecutable));
    }

    [Fact]
    public void Without_a_native_worker_auto_is_silent_and_native_is_one_line_exit_2_with_nothing_written()
    {
        using var tmp = new TempDir();
        var spec = Specs.Write(tmp, Specs.Small);
        var stderr = new StringWriter();
        var start = NativeWorker.Choose(WorkerRuntime.Auto, tmp["marketsim-worker"], stderr)("spec.json");
        Assert.Equal(SweepWorkerCommand.StartInfo("spec.json").FileName, start.FileName);
        Assert.Equal("", stderr.ToString());

        // The test host's folder holds no native worker, as a build without -p:NativeWorker=true leaves it.
        var (code, _, err) = Cli("sweep", spec, "--out", tmp["out"], "--workers", "2", "--worker-runtime", "native");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal($"error: --worker-runtime native: there is no native worker at {NativeWorker.DefaultPath}; build it with: {NativeWorker.BuildCommand}",
            err.TrimEnd('\n'));
        Assert.False(Directory.Exists(tmp["out"]));
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("")]
    public void An_unknown_worker_runtime_is_one_line_exit_2_with_nothing_written(string value)
    {
        using var tmp = new TempDir();
        var spec = Specs.Write(tmp, Specs.Small);
        var (code, _, err) = Cli("sweep", spec, "--out", tmp["out"], "--workers", "2", "--worker-runtime", value);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal($"error: --worker-runtime: '{value}' is not allowed; allowed auto, native or managed", err.TrimEnd('\n'));
        Assert.False(Directory.Exists(tmp["out"]));
    }

    [Theory]
    [InlineData("auto", "Auto")]
    [InlineData("Native", "Native")]
    [InlineData("MANAGED", "Managed")]
    public void Worker_runtimes_are_named_in_any_case(string value, string expected) =>
        Assert.Equal(expected, NativeWorker.ParseRuntime(value).ToString());
}
