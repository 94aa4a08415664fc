using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace HoopOrleans.Processes;

/// <summary>
/// Learns of child exits through pidfds on one epoll thread: no thread per process, no signal
/// handler, and no interference with the children that .NET's Process class reaps itself.
/// </summary>
public sealed unsafe class ExitWatcher : IDisposable
{
    private const int BatchSize = 64;

    // epoll_event is packed on x86-64 (12 bytes) and naturally aligned elsewhere (16 bytes).
    private static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    private static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    private readonly ConcurrentDictionary<int, ChildProcess> _watched = new();
    private readonly int _epoll;
    private readonly int _wake;
    private readonly Thread _thread;
    private volatile bool _disposed;

    public ExitWatcher()
    {
        _epoll = Libc.epoll_create1(Libc.EPOLL_CLOEXEC);
        if (_epoll < 0)
        {
            throw new InvalidOperationException($"epoll_create1 failed: {Libc.ErrorText(Marshal.GetLastPInvokeError())}");
        }

        _wake = Libc.eventfd(0, Libc.EFD_CLOEXEC);
        Add(_wake);
        _thread = new Thread(Loop) { IsBackground = true, Name = "hoop-exit-watcher" };
        _thread.Start();
    }

    /// <summary>Starts watching <paramref name="child"/>; its <see cref="ChildProcess.Exited"/> completes when it exits.</summary>
    public void Watch(ChildProcess child)
    {
        _watched[child.PidFd] = child;
        Add(child.PidFd);
    }

    private void Add(int fd)
    {
        var ev = stackalloc byte[16];
        *(uint*)ev = Libc.EPOLLIN;
        *(long*)(ev + DataOffset) = fd;
        if (Libc.epoll_ctl(_epoll, Libc.EPOLL_CTL_ADD, fd, ev) != 0)
        {
            throw new InvalidOperationException($"epoll_ctl failed: {Libc.ErrorText(Marshal.GetLastPInvokeError())}");
        }
    }

    private void Loop()
    {
        var events = stackalloc byte[BatchSize * 16];
        while (!_disposed)
        {
            var count = Libc.epoll_wait(_epoll, events, BatchSize, -1);
            for (var i = 0; i < count; i++)
            {
                var fd = (int)*(long*)(events + (i * EventSize) + DataOffset);
                if (_watched.TryRemove(fd, out var child))
                {
                    Libc.epoll_ctl(_epoll, Libc.EPOLL_CTL_DEL, fd, null);
                    child.Reap();
                }
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        long one = 1;
        Libc.write(_wake, &one, sizeof(long));
        _thread.Join();
        Libc.close(_wake);
        Libc.close(_epoll);
    }
}
