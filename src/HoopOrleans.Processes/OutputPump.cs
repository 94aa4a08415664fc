using System.Runtime.InteropServices;

namespace HoopOrleans.Processes;

/// <summary>
/// Reads a run's stdout and stderr pipe into its <see cref="OutputBuffer"/>. Past the cap the pipe
/// is still drained, so the writer never blocks, but spliced to /dev/null: those bytes are never
/// copied into this process. How much it reads per turn and how big a heavy writer's pipe gets are
/// <see cref="ProcessRunnerOptions"/>.
/// </summary>
internal sealed unsafe class OutputPump(ProcessEventLoop loop, SafeFileDescriptorHandle pipe, OutputBuffer output) : LoopInterest(loop, pipe)
{
    /// <summary>The default pipe size; a read that fills it marks a heavy writer.</summary>
    private const int DefaultPipeBytes = ProcessRunnerOptionsValidator.DefaultPipeBytes;

    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _heavy;
    private bool _dropping;
    private bool _spliceUnsupported;
    private bool _truncated;

    /// <summary>Completes when the pipe reached its end (every writer closed it) or reading was stopped.</summary>
    public Task Closed => _closed.Task;

    public override void OnReady(uint events)
    {
        for (var turn = 0; turn < Loop.ReadsPerTurn; turn++)
        {
            var moved = _dropping ? Drop() : Keep();
            if (moved > 0)
            {
                if (!_heavy && moved >= DefaultPipeBytes)
                {
                    _heavy = true;
                    Libc.fcntl(Descriptor, Libc.F_SETPIPE_SZ, Loop.HeavyWriterPipeBytes);
                }

                continue;
            }

            if (moved < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Libc.EINTR)
                {
                    continue;
                }

                if (errno == Libc.EAGAIN)
                {
                    return;
                }

                if (errno == Libc.EINVAL && _dropping && !_spliceUnsupported)
                {
                    _spliceUnsupported = true;
                    continue;
                }
            }

            // End of the pipe, or an error that ends it.
            Close();
            return;
        }
    }

    private nint Keep()
    {
        var scratch = Loop.Scratch;
        nint read;
        fixed (byte* buffer = scratch)
        {
            read = Libc.read(Descriptor, buffer, scratch.Length);
        }

        if (read > 0 && !output.Append(scratch.AsSpan(0, (int)read)))
        {
            _dropping = true;
        }

        return read;
    }

    private nint Drop()
    {
        nint dropped;
        if (_spliceUnsupported)
        {
            fixed (byte* buffer = Loop.Scratch)
            {
                dropped = Libc.read(Descriptor, buffer, Loop.Scratch.Length);
            }
        }
        else
        {
            dropped = Libc.splice(Descriptor, null, Loop.DevNull, null, (nuint)Loop.HeavyWriterPipeBytes, Libc.SPLICE_F_MOVE | Libc.SPLICE_F_NONBLOCK);
        }

        if (dropped > 0 && !_truncated)
        {
            _truncated = true;
            output.MarkTruncated();
        }

        return dropped;
    }

    protected override void OnClosed()
    {
        base.OnClosed();
        _closed.TrySetResult();
    }
}
