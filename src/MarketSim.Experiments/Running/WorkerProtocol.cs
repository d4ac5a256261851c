using System.Security.Cryptography;
using System.Text;
using MarketSim.Data.Sweeps;
using MarketSim.Experiments.Design;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments.Running;

/// <summary>
/// What a sweep and its worker processes say to each other, length-prefixed binary over the worker's stdin and stdout.
/// The sweep sends the sweep's fingerprint, then blocks of run ids as the worker gets through them, and closes the
/// worker's stdin after the last block. The worker answers with one frame per run, in the order it was given them:
/// the run's runs.csv row and the text of its table rows; or, if it does not hold the same sweep, with one refusal
/// frame and nothing else.
/// </summary>
public static class WorkerProtocol
{
    private const byte RunFrame = (byte)'R';
    private const byte RefusalFrame = (byte)'E';
    private const byte BlockFrame = (byte)'B';

    /// <summary>
    /// SHA-256 (hex) of everything a worker's runs depend on: the spec as given, every design row (so a posterior
    /// file changed since is seen too), and the resolved scenario. Seeds follow from the spec's seed and the run id.
    /// </summary>
    public static string Fingerprint(SweepSpec spec, SweepDesign design, string? scenarioSha256)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(text));
            hash.AppendData([0]);
        }
        Add(spec.Given.ToJsonString());
        Add(scenarioSha256 ?? "");
        Add($"{design.Seed} {design.Replications} {design.Rows.Count}");
        foreach (var row in design.Rows)
            foreach (var value in row) Add(value);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The sweep's first message to a worker: the fingerprint of the sweep it is to serve.</summary>
    public static void WriteFingerprint(BinaryWriter writer, string fingerprint) => writer.Write(fingerprint);

    public static string ReadFingerprint(BinaryReader reader) => reader.ReadString();

    /// <summary>One block of run ids for the worker to run, in this order, after those of the blocks before.</summary>
    public static void WriteBlock(BinaryWriter writer, ReadOnlySpan<long> runIds)
    {
        writer.Write(BlockFrame);
        writer.Write7BitEncodedInt(runIds.Length);
        var previous = -1L;
        foreach (var id in runIds)
        {
            writer.Write7BitEncodedInt64(id - previous); // ids ascend: about one byte each
            previous = id;
        }
    }

    /// <summary>
    /// The next block of run ids, or null when the sweep has closed the worker's input between blocks (it has no more
    /// runs for it); <see cref="EndOfStreamException"/> when the input ends inside a block.
    /// </summary>
    public static long[]? ReadBlock(BinaryReader reader)
    {
        var kind = reader.BaseStream.ReadByte(); // the reader holds nothing back: its stream is where the next byte is
        if (kind < 0) return null;
        if (kind != BlockFrame) throw new InvalidDataException($"a sweep sent frame {kind}, which is not a block of runs");
        var ids = new long[reader.Read7BitEncodedInt()];
        var previous = -1L;
        for (var i = 0; i < ids.Length; i++) ids[i] = previous += reader.Read7BitEncodedInt64();
        return ids;
    }

    public static void WriteRun(BinaryWriter writer, RenderedRun run)
    {
        writer.Write(RunFrame);
        writer.Write(run.Status.RunId);
        writer.Write(run.Status.Ok);
        writer.Write(run.Status.Seconds);
        writer.Write(run.Status.Error);
        writer.Write(run.SummaryRows);
        writer.Write(run.SummaryText);
        writer.Write(run.TimeseriesRows);
        writer.Write(run.TimeseriesText);
    }

    public static void WriteRefusal(BinaryWriter writer, string message)
    {
        writer.Write(RefusalFrame);
        writer.Write(message);
    }

    /// <summary>The next run; throws <see cref="WorkerRefusedException"/> on a refusal, <see cref="EndOfStreamException"/> when the worker is gone.</summary>
    public static RenderedRun ReadRun(BinaryReader reader)
    {
        var kind = reader.ReadByte();
        if (kind == RefusalFrame) throw new WorkerRefusedException(reader.ReadString());
        if (kind != RunFrame) throw new InvalidDataException($"a sweep worker sent frame {kind}, which is not a run");
        var status = new RunStatusRow(reader.ReadInt64(), reader.ReadBoolean(), reader.ReadDouble(), reader.ReadString());
        var summaryRows = reader.ReadInt64();
        var summary = reader.ReadString();
        var timeseriesRows = reader.ReadInt64();
        return new RenderedRun(status, summary, summaryRows, reader.ReadString(), timeseriesRows);
    }
}

/// <summary>A worker process refused its runs (it read another spec, design or scenario than the sweep did).</summary>
public sealed class WorkerRefusedException(string message) : Exception(message);
