using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

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

    // epoll_event is packed on x86-64 (12 bytes) and naturally aligned elsewhere (16 bytes).
    private static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    private static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    private readonly ConcurrentDictionary<long, LoopInterest> _interests = new();
    private readonly ConcurrentQueue<Action> _posted = new();
    private readonly ILogger _logger;
    private readonly int _epoll;
    private readonly int _wake;
    private readonly Thread _thread;
    private long _lastId;
    private volatile bool _disposed;

    public ProcessEventLoop(ILogger<ProcessEventLoop>? logger = null)
    {
        _logger = logger ?? NullLogger<ProcessEventLoop>.Instance;
        _epoll = Libc.epoll_create1(Libc.EPOLL_CLOEXEC);
        if (_epoll < 0)
        {
            throw new InvalidOperationException($"epoll_create1 failed: {Libc.ErrorText(Marshal.GetLastPInvokeError())}");
        }

        _wake = Libc.eventfd(0, Libc.EFD_CLOEXEC);
        DevNull = Libc.open("/dev/null", Libc.O_WRONLY | Libc.O_CLOEXEC);
        Add(_wake, WakeId, Libc.EPOLLIN);
        _thread = new Thread(Loop) { IsBackground = true, Name = "hoop-process-loop" };
        _thread.Start();
    }

    /// <summary>Where output past the cap goes, spliced without a copy through this process.</summary>
    internal int DevNull { get; }

    /// <summary>Read buffer for every pipe; only the loop thread uses it.</summary>
    internal byte[] Scratch { get; } = GC.AllocateUninitializedArray<byte>(1 << 20, pinned: true);

    /// <summary>Starts watching <paramref name="child"/>; its <see cref="ChildProcess.Exited"/> completes when it exits.</summary>
    public void Watch(ChildProcess child) => Register(new ExitInterest(this, child), Libc.EPOLLIN);

    /// <summary>
    /// Feeds <paramref name="stdin"/> to the child and collects its output into <paramref name="output"/>.
    /// From here on the loop owns both pipe ends of <paramref name="child"/>.
    /// </summary>
    public RunPipes Attach(ChildProcess child, byte[] stdin, OutputBuffer output)
    {
        var feed = new InputFeed(this, child.InputFd, stdin);
        if (feed.WriteWhatFits())
        {
            // The usual case: the script fits in the pipe, so stdin is done before the loop sees it.
            Libc.close(child.InputFd);
            feed = null;
        }
        else
        {
            Register(feed, Libc.EPOLLOUT);
        }

        var pump = new OutputPump(this, child.OutputFd, output);
        Register(pump, Libc.EPOLLIN);
        return new RunPipes(this, pump, feed);
    }

    /// <summary>Runs <paramref name="action"/> on the loop thread, where closing a watched descriptor is safe.</summary>
    internal Task PostAsync(Action action)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _posted.Enqueue(() =>
        {
            action();
            done.TrySetResult();
        });
        Wake();
        return done.Task;
    }

    /// <summary>Stops watching <paramref name="interest"/>; loop thread only.</summary>
    internal void Forget(LoopInterest interest)
    {
        if (_interests.TryRemove(interest.Id, out _))
        {
            Libc.epoll_ctl(_epoll, Libc.EPOLL_CTL_DEL, interest.Fd, null);
        }
    }

    private void Register(LoopInterest interest, uint events)
    {
        interest.Id = Interlocked.Increment(ref _lastId);
        _interests[interest.Id] = interest;
        Add(interest.Fd, interest.Id, events);
    }

    private void Add(int fd, long id, uint events)
    {
        var ev = stackalloc byte[16];
        *(uint*)ev = events;
        *(long*)(ev + DataOffset) = id;
        if (Libc.epoll_ctl(_epoll, Libc.EPOLL_CTL_ADD, fd, ev) != 0)
        {
            throw new InvalidOperationException($"epoll_ctl failed: {Libc.ErrorText(Marshal.GetLastPInvokeError())}");
        }
    }

    private void Wake()
    {
        long one = 1;
        Libc.write(_wake, &one, sizeof(long));
    }

    private void Loop()
    {
        var events = stackalloc byte[BatchSize * 16];
        while (!_disposed)
        {
            var count = Libc.epoll_wait(_epoll, events, BatchSize, -1);
            for (var i = 0; i < count; i++)
            {
                var ev = events + (i * EventSize);
                var id = *(long*)(ev + DataOffset);
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
            InterestFailed(_logger, e, interest.Fd);
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

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Wake();
        _thread.Join();
        RunPosted();
        Libc.close(_wake);
        Libc.close(_epoll);
        Libc.close(DevNull);
    }

    [LoggerMessage(1, LogLevel.Error, "Watching descriptor {Fd} failed; its run stops being read")]
    private static partial void InterestFailed(ILogger logger, Exception exception, int fd);
}
