using System.Text;
using MarketSim.Data.Sweeps;
using MarketSim.Experiments.Design;
using MarketSim.Experiments.Output;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments.Running;

/// <summary>
/// The worker end of a sweep run in several processes (<see cref="ProcessRuns"/>): loads the spec and the model itself
/// (while the sweep, which started it early, is still loading its own), reads the sweep's fingerprint from
/// <c>input</c>, then runs the blocks of ids the sweep sends one after the other
/// on the calling thread, writing each block's runs to <c>output</c> as the block finishes, until the sweep closes its
/// input. It refuses to run anything when what it loaded is not what the sweep loaded (a spec, posterior or
/// scenario file edited in between).
/// </summary>
public static class SweepWorker
{
    /// <summary>Whether the worker ran its runs (false: it refused, and said why on <paramref name="output"/>).</summary>
    /// <remarks>
    /// When the sweep has gone (killed), sending the next block's runs fails with an <see cref="IOException"/>, and a
    /// worker waiting for a block finds its input closed: a worker never outlives its sweep by more than one block.
    /// </remarks>
    public static bool Serve(Stream input, Stream output, Func<SweepSpec> loadSpec, Func<SweepSpec, IRunModel> loadModel)
    {
        using var reader = new BinaryReader(new BufferedStream(input, 1 << 12), Encoding.UTF8);
        using var writer = new BinaryWriter(new BufferedStream(output, 1 << 16), Encoding.UTF8);
        SweepSpec spec;
        SweepDesign design;
        IRunModel model;
        string? found, loadFailure = null;
        try
        {
            spec = loadSpec();
            model = loadModel(spec);
            design = SweepDesign.Build(spec);
            found = WorkerProtocol.Fingerprint(spec, design, model.ScenarioSha256);
        }
        catch (Exception e)
        {
            (spec, design, model, found, loadFailure) = (null!, null!, null!, null, $"a sweep worker could not load the sweep: {e.Message}");
        }
        // Read only now, so loading overlaps the sweep's own start. A sweep that stops at one of its checks first
        // closes this input unread: an EndOfStreamException, as when the sweep has gone.
        var expected = WorkerProtocol.ReadFingerprint(reader);
        var refusal = loadFailure ?? (found == expected ? null
            : $"the spec, its design or its scenario changed after the sweep started (fingerprint {expected[..12]}..., " +
              $"a worker read {found![..12]}...); nothing was run by it");
        if (refusal is not null)
        {
            WorkerProtocol.WriteRefusal(writer, refusal);
            writer.Flush();
            return false;
        }

        var renderer = new RunRenderer(spec.Outputs);
        var scratch = new StringBuilder(1 << 12);
        // The sweep keeps the next block waiting in the pipe while this one runs, so reading it costs no wait.
        while (WorkerProtocol.ReadBlock(reader) is { } ids)
        {
            foreach (var id in ids)
            {
                var (result, status) = SweepRunner.RunOne(id, design, model);
                var rendered = RenderedRun.Of(status, result is null ? [] : RunRenderer.Summary(id, result),
                    result is null ? [] : renderer.Timeseries(id, result), scratch);
                result?.Recycle(); // rendered to text; the worker's next run reuses its storage
                WorkerProtocol.WriteRun(writer, rendered);
            }
            // Once a block, not once a run: each flush is a write to the pipe and a wake-up of the sweep's reader, and
            // the next block is already waiting here, so nothing is gained by sending a block's runs one by one. (A
            // run larger than the buffer goes out as it is written.)
            writer.Flush();
        }
        return true; // the sweep closed the input after its last block
    }
}
