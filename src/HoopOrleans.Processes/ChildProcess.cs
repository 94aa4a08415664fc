using System.Runtime.InteropServices;

namespace HoopOrleans.Processes;

/// <summary>
/// A started program in a process group of its own, with one pipe for its stdin and one that
/// carries both its stdout and its stderr, so their bytes keep the order the program wrote them in.
/// This process's ends of both pipes are non-blocking; whoever takes them closes them.
/// </summary>
public sealed class ChildProcess
{
    /// <summary>The wait status when the exit could not be collected (someone else reaped the process).</summary>
    public const int UnknownStatus = -1;

    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RunCgroup? _cgroup;
    private bool _reaped;

    /// <param name="pid">The process id.</param>
    /// <param name="pidFd">Its pidfd, closed when it is reaped.</param>
    /// <param name="input">The write end of its stdin, or null when it has none of this process's.</param>
    /// <param name="output">The read end of its output, or null when it has none of this process's.</param>
    /// <param name="cgroup">Its cgroup, killed and removed when it is reaped.</param>
    internal ChildProcess(int pid, SafeFileDescriptorHandle pidFd, SafeFileDescriptorHandle? input, SafeFileDescriptorHandle? output, RunCgroup? cgroup = null)
    {
        Pid = pid;
        PidFd = pidFd;
        Input = input;
        Output = output;
        _cgroup = cgroup;
    }

    /// <summary>The process id, which is also its process group id.</summary>
    public int Pid { get; }

    /// <summary>The write end of the program's stdin.</summary>
    internal SafeFileDescriptorHandle? Input { get; }

    /// <summary>The read end of the program's stdout and stderr.</summary>
    internal SafeFileDescriptorHandle? Output { get; }

    /// <summary>Completes with the raw wait status, or <see cref="UnknownStatus"/>, once the program has exited and been reaped.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>Readable once the program has exited; closed when it is reaped.</summary>
    internal SafeFileDescriptorHandle PidFd { get; }

    /// <summary>
    /// Sends <paramref name="signal"/> to the program's whole process group. Does nothing once the
    /// program has been reaped, so a recycled process id is never signalled.
    /// </summary>
    public void SignalGroup(int signal)
    {
        lock (_gate)
        {
            if (!_reaped)
            {
                Libc.kill(-Pid, signal);
            }
        }
    }

    /// <summary>Kills and reaps a program that nothing watches, and closes what this process holds of it.</summary>
    internal void KillAndReap()
    {
        Reap();
        Input?.Dispose();
        Output?.Dispose();
    }

    /// <summary>
    /// Called once the pidfd reports the exit. The run's cgroup, which holds every process it started
    /// (whatever they did with their process group or environment), and its process group are ended
    /// before the leader is reaped: while the leader is an unreaped zombie its id cannot be reused,
    /// so the kill reaches only this run's processes.
    /// </summary>
    internal unsafe void Reap()
    {
        var status = UnknownStatus;
        lock (_gate)
        {
            _cgroup?.KillAll();
            Libc.kill(-Pid, Libc.SIGKILL);
            int raw;
            int result;
            while ((result = Libc.waitpid(Pid, &raw, 0)) == -1 && Marshal.GetLastPInvokeError() == Libc.EINTR)
            {
            }

            if (result == Pid)
            {
                status = raw;
            }

            _reaped = true;
            PidFd.Dispose();
        }

        // A cgroup kept for a later run is back before the exit is told, so the run that follows
        // finds it; removing one is file system work that no run's answer needs to wait for.
        var givenBack = _cgroup?.TryGiveBack() ?? true;
        _exited.TrySetResult(status);
        if (!givenBack)
        {
            _cgroup!.Remove();
        }
    }
}
