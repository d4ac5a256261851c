using System.Diagnostics;
using System.Text;

namespace MarketSim.Experiments.Running;

/// <summary>
/// One worker process of <see cref="ProcessRuns"/> as the sweep sees it: its pipes, and the blocks of positions it
/// was sent and has not finished, in the order it runs them. Its owner holds a lock around everything but
/// <see cref="Output"/>, which only the worker's reader thread reads.
/// </summary>
internal sealed class WorkerPipe : IDisposable
{
    private readonly BinaryWriter _input;
    private readonly Queue<(int Start, int Count)> _blocks = new();
    private int _receivedOfFirst;
    private bool _inputGone; // closed or broken: nothing more can be sent
    private bool _closedAfterLastBlock;

    public WorkerPipe(int index, Process process, string fingerprint)
    {
        Index = index;
        Process = process;
        Output = new BinaryReader(new BufferedStream(process.StandardOutput.BaseStream, 1 << 16), Encoding.UTF8);
        _input = new BinaryWriter(new BufferedStream(process.StandardInput.BaseStream, 1 << 10), Encoding.UTF8);
        Send(() => WorkerProtocol.WriteFingerprint(_input, fingerprint));
    }

    /// <summary>0-based; messages say index + 1.</summary>
    public int Index { get; }

    public Process Process { get; }

    /// <summary>The worker's stdout, read by its reader thread only.</summary>
    public BinaryReader Output { get; }

    /// <summary>Runs this worker sent back.</summary>
    public long Runs { get; private set; }

    /// <summary>Blocks sent and not yet finished.</summary>
    public int BlocksHeld => _blocks.Count;

    /// <summary>The position of the run this worker sends next, or -1 when it holds none.</summary>
    public int ExpectedPosition => _blocks.TryPeek(out var first) ? first.Start + _receivedOfFirst : -1;

    /// <summary>Whether a block can still be sent: a worker that has gone is left to its reader thread to report.</summary>
    public bool CanTakeBlocks => !_inputGone;

    /// <summary>The worker was told there are no more blocks and sent back every run it was given: its output ends here.</summary>
    public bool Finished => _closedAfterLastBlock && _blocks.Count == 0;

    /// <summary>Sends positions [start, start + count) of <paramref name="todo"/> as the next block.</summary>
    public void SendBlock(long[] todo, (int Start, int Count) block)
    {
        _blocks.Enqueue(block);
        Send(() => WorkerProtocol.WriteBlock(_input, todo.AsSpan(block.Start, block.Count)));
    }

    /// <summary>The run at <see cref="ExpectedPosition"/> arrived.</summary>
    public void Received()
    {
        Runs++;
        if (++_receivedOfFirst < _blocks.Peek().Count) return;
        _blocks.Dequeue();
        _receivedOfFirst = 0;
    }

    /// <summary>No more blocks: the worker finishes those it holds and stops when it reads the end of its input.</summary>
    public void CloseInput()
    {
        if (_inputGone) return;
        _inputGone = _closedAfterLastBlock = true;
        try { _input.Dispose(); }
        catch (IOException) { } // the worker has gone; its reader thread says so
    }

    private void Send(Action write)
    {
        if (_inputGone) return;
        try
        {
            write();
            _input.Flush();
        }
        catch (IOException)
        {
            // The worker has gone (its end of the pipe is closed). Its reader thread finds its output ended, with
            // the blocks it held unfinished, and reports which run could no longer arrive.
            _inputGone = true;
        }
    }

    public void Dispose()
    {
        CloseInput();
        Output.Dispose();
        Process.Dispose();
    }
}
