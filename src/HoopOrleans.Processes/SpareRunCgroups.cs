using System.Collections.Concurrent;

namespace HoopOrleans.Processes;

/// <summary>
/// Emptied run cgroups of one user's runs, kept for that user's later runs. A new cgroup for every
/// run, made before it and removed after, was most of what walling runs off added to a run's
/// latency here, and the first process to enter a new cgroup pays the most of it; a busy node
/// starts and ends runs all the time, so it keeps some emptied ones and hands them out again.
/// Only a cgroup of a run that could not change it is kept: one whose processes ran as an
/// unprivileged user under a root service (the cgroup's files are root's, so all a run leaves in it
/// is counters, which only the same user's runs get to see), that holds no process when it comes
/// back, and, with a memory limit, that has little memory still charged to it. What a run leaves
/// charged (page cache, files in a tmpfs) counts against the next run's limit, so a cgroup with more
/// than <see cref="MostChargedShare"/> of its limit left is removed (its charge goes to the parent)
/// rather than handed on. Kept cgroups are sorted by user and limits: one goes only to a run with
/// the same limits, which were written once, when it was made.
/// </summary>
/// <param name="memoryLimit">The memory limit of the cgroups kept here, if they have one.</param>
internal sealed class SpareRunCgroups(long? memoryLimit = null)
{
    /// <summary>The most of its memory limit a kept cgroup may still have charged: one part in this many.</summary>
    public const int MostChargedShare = 64;

    /// <summary>The most kept at once: enough for the starts of a burst, few enough to be nothing to the kernel.</summary>
    public const int Most = 64;

    private readonly ConcurrentQueue<RunCgroup> _kept = new();
    private int _count;
    private volatile bool _closed;

    /// <summary>A kept cgroup, or null when there is none.</summary>
    public RunCgroup? TryTake()
    {
        if (!_kept.TryDequeue(out var run))
        {
            return null;
        }

        Interlocked.Decrement(ref _count);
        return run;
    }

    /// <summary>Keeps <paramref name="run"/> when there is room and nothing runs in it; false when the caller removes it.</summary>
    public bool TryKeep(RunCgroup run)
    {
        if (_closed || !CgroupFile.IsEmpty(run.Directories[0]) || !LittleCharged(run))
        {
            return false;
        }

        if (Interlocked.Increment(ref _count) > Most)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        _kept.Enqueue(run);
        return true;
    }

    private bool LittleCharged(RunCgroup run) =>
        memoryLimit is not { } limit || run.MemoryCharged is { } charged && charged <= limit / MostChargedShare;

    /// <summary>Keeps nothing more: the node is going, and removes every run directory itself.</summary>
    public void Close() => _closed = true;
}
