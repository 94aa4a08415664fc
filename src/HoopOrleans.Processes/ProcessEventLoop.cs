using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Processes;

/// <summary>
/// One epoll thread that learns of child exits through pidfds and moves every run's pipe bytes.
/// .NET reads anonymous pipes by blocking a thread-pool thread per read, so a thousand quiet runs
/// would hold a thousand threads; here they hold none, and there is no SIGCHLD handler to fight
/// the one .NET's Process class installs.
/// </summary>
public sealed unsafe partial class ProcessEventLoop : IDisposable
{
    private const int BatchSize = 64;

    /// <summary>The epoll id of the loop's own wake-up eventfd; interests count up from 1.</summary>
    private const long WakeId = 0;

    private readonly ConcurrentDictionary<long, LoopInterest> _interests = new();
    private readonly ConcurrentQueue<Action> _posted = new();
    private readonly ILogger _logger;
    private readonly SafeFileDescriptorHandle _epoll;
    private readonly SafeFileDescriptorHandle _wake;
    private readonly Thread _thread;
    private long _lastId;
    private volatile bool _disposed;

    /// <exception cref="PlatformNotSupportedException">Not an ABI whose layouts this library knows (see <see cref="NativeLayout"/>).</exception>
    public ProcessEventLoop(ILogger<ProcessEventLoop>? logger = null, IOptions<ProcessRunnerOptions>? options = null)
    {
        NativeLayout.EnsureSupported();
        var settings = options?.Value ?? new ProcessRunnerOptions();
        ReadsPerTurn = settings.ReadsPerTurn;
        HeavyWriterPipeBytes = settings.HeavyWriterPipeBytes;
        Scratch = GC.AllocateUninitializedArray<byte>(settings.HeavyWriterPipeBytes, pinned: true);
        _logger = logger ?? NullLogger<ProcessEventLoop>.Instance;
        try
        {
            _epoll = Opened(Libc.epoll_create1(Libc.EPOLL_CLOEXEC), "epoll_create1");
            _wake = Opened(Libc.eventfd(0, Libc.EFD_CLOEXEC), "eventfd");
            DevNull = Opened(Libc.open("/dev/null", Libc.O_WRONLY | Libc.O_CLOEXEC), "open /dev/null");
            Add(_wake, WakeId, Libc.EPOLLIN);
        }
        catch
        {
            _epoll?.Dispose();
            _wake?.Dispose();
            DevNull?.Dispose();
            throw;
        }

        _thread = new Thread(Loop) { IsBackground = true, Name = "hoop-process-loop" };
        _thread.Start();
    }

    /// <summary>Where output past the cap goes, spliced without a copy through this process.</summary>
    internal SafeFileDescriptorHandle DevNull { get; }

    /// <summary>Read buffer for every pipe, as big as a heavy writer's pipe; only the loop thread uses it.</summary>
    internal byte[] Scratch { get; }

    /// <summary><see cref="ProcessRunnerOptions.ReadsPerTurn"/>.</summary>
    internal int ReadsPerTurn { get; }

    /// <summary><see cref="ProcessRunnerOptions.HeavyWriterPipeBytes"/>.</summary>
    internal int HeavyWriterPipeBytes { get; }

    /// <summary>Starts watching <paramref name="child"/>; its <see cref="ChildProcess.Exited"/> completes when it exits.</summary>
    public void Watch(ChildProcess child) => Register(new ExitInterest(this, child), Libc.EPOLLIN);

    /// <summary>
    /// Feeds <paramref name="stdin"/> to the child and collects its output into <paramref name="output"/>.
    /// From here on the loop owns both pipe ends of <paramref name="child"/>, and closes them even when this throws.
    /// </summary>
    public RunPipes Attach(ChildProcess child, byte[] stdin, OutputBuffer output)
    {
        var feed = new InputFeed(this, child.Input ?? throw new ArgumentException("The child has no stdin pipe.", nameof(child)), stdin);
        var pump = new OutputPump(this, child.Output ?? throw new ArgumentException("The child has no output pipe.", nameof(child)), output);
        try
        {
            if (feed.WriteWhatFits())
            {
                // The usual case: the script fits in the pipe, so stdin is done before the loop sees it.
                feed.Descriptor.Dispose();
                feed = null;
            }
            else
            {
                Register(feed, Libc.EPOLLOUT);
            }

            Register(pump, Libc.EPOLLIN);
            return new RunPipes(this, pump, feed);
        }
        catch
        {
            // What the loop watches, only the loop closes; what it never saw is closed here.
            pump.Descriptor.Dispose();
            if (feed is { Id: > 0 })
            {
                _ = PostAsync(feed.Close);
            }
            else
            {
                feed?.Descriptor.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on the loop thread, where closing a watched descriptor is safe;
    /// once the loop has stopped, on the caller's thread.
    /// </summary>
    internal Task PostAsync(Action action)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _posted.Enqueue(() =>
        {
            action();
            done.TrySetResult();
        });
        if (!TryWake())
        {
            RunPosted();
        }

        return done.Task;
    }

    /// <summary>Stops watching <paramref name="interest"/>; loop thread only, or after the loop has stopped.</summary>
    internal void Forget(LoopInterest interest)
    {
        // Once the loop is stopping its epoll set is about to close, which forgets everything in it.
        if (_interests.TryRemove(interest.Id, out _) && !_disposed)
        {
            Libc.epoll_ctl(_epoll, Libc.EPOLL_CTL_DEL, interest.Descriptor, null);
        }
    }

    private void Register(LoopInterest interest, uint events)
    {
        // In the table before epoll has it: its first event may come at once, on the loop thread.
        var id = Interlocked.Increment(ref _lastId);
        interest.Id = id;
        _interests[id] = interest;
        try
        {
            Add(interest.Descriptor, id, events);
        }
        catch
        {
            _interests.TryRemove(id, out _);
            interest.Id = 0;
            throw;
        }
    }

    private void Add(SafeFileDescriptorHandle descriptor, long id, uint events)
    {
        var ev = stackalloc byte[NativeLayout.MaxEpollEventBytes];
        *(uint*)ev = events;
        *(long*)(ev + NativeLayout.EpollDataOffset) = id;
        if (Libc.epoll_ctl(_epoll, Libc.EPOLL_CTL_ADD, descriptor, ev) != 0)
        {
            throw new InvalidOperationException($"epoll_ctl failed: {Libc.ErrorText(Marshal.GetLastPInvokeError())}");
        }
    }

    /// <summary>Wakes the loop thread; false when the loop has stopped and nothing will wake.</summary>
    private bool TryWake()
    {
        long one = 1;
        try
        {
            Libc.write(_wake, &one, sizeof(long));
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private void Loop()
    {
        var events = stackalloc byte[BatchSize * NativeLayout.MaxEpollEventBytes];
        while (!_disposed)
        {
            var count = Libc.epoll_wait(_epoll, events, BatchSize, -1);
            for (var i = 0; i < count; i++)
            {
                var ev = events + (i * NativeLayout.EpollEventBytes);
                var id = *(long*)(ev + NativeLayout.EpollDataOffset);
                if (id == WakeId)
                {
                    long ignored;
                    Libc.read(_wake, &ignored, sizeof(long));
                    RunPosted();
                }
                else if (_interests.TryGetValue(id, out var interest))
                {
                    Dispatch(interest, *(uint*)ev);
                }
            }
        }

        // Pipes close with the loop. Children are not reaped here: the orphan guard's watcher must
        // outlive this loop to sweep, and waiting on live runs would hang the shutdown.
        foreach (var interest in _interests.Values)
        {
            if (interest is not ExitInterest)
            {
                interest.Close();
            }
        }
    }

    private void Dispatch(LoopInterest interest, uint events)
    {
        try
        {
            interest.OnReady(events);
        }
        catch (Exception e)
        {
            // A fault in one run's pipes must not stop every other run's: that run ends its reading here.
            InterestFailed(_logger, e, interest.Descriptor.NumberForLogs);
            interest.Close();
        }
    }

    private void RunPosted()
    {
        while (_posted.TryDequeue(out var action))
        {
            action();
        }
    }

    private static SafeFileDescriptorHandle Opened(SafeFileDescriptorHandle descriptor, string call)
    {
        if (descriptor.IsInvalid)
        {
            var errno = Marshal.GetLastPInvokeError();
            descriptor.Dispose();
            throw new InvalidOperationException($"{call} failed: {Libc.ErrorText(errno)}");
        }

        return descriptor;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        TryWake();
        _thread.Join();

        // From here on a post finds the wake-up closed and runs on its caller's thread.
        _wake.Dispose();
        RunPosted();
        _epoll.Dispose();
        DevNull.Dispose();
    }

    [LoggerMessage(1, LogLevel.Error, "Watching descriptor {Fd} failed; its run stops being read")]
    private static partial void InterestFailed(ILogger logger, Exception exception, int fd);
}
