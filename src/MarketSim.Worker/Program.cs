using MarketSim.Experiments.Running;

// marketsim-worker: one worker process of `marketsim sweep --workers N`, started by the sweep with the arguments
// its managed worker takes. `marketsim-worker code-identity` prints the build of the model it was compiled from.
if (SweepWorkerProcess.IsWorker(args, out var spec)) return SweepWorkerProcess.Serve(spec);
if (args is [SweepWorkerProcess.IdentityCommand])
{
    Console.Out.WriteLine(WorkerCode.Identity);
    return SweepWorkerProcess.Ok;
}
Console.Error.WriteLine($"error: marketsim-worker serves sweeps started by `marketsim sweep --workers N`; " +
    $"its arguments are `{SweepWorkerProcess.Command} SPEC` or `{SweepWorkerProcess.IdentityCommand}`");
return SweepWorkerProcess.BadInput;
