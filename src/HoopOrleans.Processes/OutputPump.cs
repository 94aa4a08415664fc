using System.Runtime.InteropServices;

namespace HoopOrleans.Processes;

/// <summary>
/// Reads a run's stdout and stderr pipe into its <see cref="OutputBuffer"/>. Past the cap the pipe
/// is still drained, so the writer never blocks, but spliced to /dev/null: those bytes are never
/// copied into this process.
/// </summary>
internal sealed unsafe class OutputPump(ProcessEventLoop loop, int fd, OutputBuffer output) : LoopInterest(loop, fd)
{
    /// <summary>Reads per readiness event before other runs get their turn.</summary>
    private const int ReadsPerTurn = 16;

    /// <summary>The default pipe size; a read that fills it marks a heavy writer.</summary>
    private const int DefaultPipeBytes = 64 * 1024;

    /// <summary>A heavy writer gets a bigger pipe: fewer wake-ups for it and for this loop.</summary>
    private const int HeavyPipeBytes = 1024 * 1024;

    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _heavy;
    private bool _dropping;
    private bool _spliceUnsupported;
    private bool _truncated;

    /// <summary>Completes when the pipe reached its end (every writer closed it) or reading was stopped.</summary>
    public Task Closed => _closed.Task;

    public override void OnReady(uint events)
    {
        for (var turn = 0; turn < ReadsPerTurn; turn++)
        {
            var moved = _dropping ? Drop() : Keep();
            if (moved > 0)
            {
                if (!_heavy && moved >= DefaultPipeBytes)
                {
                    _heavy = true;
                    Libc.fcntl(Fd, Libc.F_SETPIPE_SZ, HeavyPipeBytes);
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
            read = Libc.read(Fd, buffer, scratch.Length);
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
                dropped = Libc.read(Fd, buffer, Loop.Scratch.Length);
            }
        }
        else
        {
            dropped = Libc.splice(Fd, null, Loop.DevNull, null, HeavyPipeBytes, Libc.SPLICE_F_MOVE | Libc.SPLICE_F_NONBLOCK);
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
        Libc.close(Fd);
        _closed.TrySetResult();
    }
}
