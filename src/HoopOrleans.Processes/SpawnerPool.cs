using System.Collections.Concurrent;

namespace HoopOrleans.Processes;

/// <summary>
/// The node's spawners, each a <see cref="NativeSpawner"/> process that starts one run at a time.
/// A start waits for its spawner to clone, set the child up and see it exec; with one spawner the
/// starts of a busy node queued behind each other and left a core idle, so there is one per core
/// (<see cref="ProcessRunnerOptions.MinSpawners"/> at least, <see cref="ProcessRunnerOptions.MaxSpawners"/>
/// at most), and a start takes whichever is free.
/// </summary>
internal sealed class SpawnerPool : IDisposable
{
    private readonly TimeSpan _waitForFree;
    private readonly NativeSpawner[] _all;
    private readonly BlockingCollection<NativeSpawner> _free = new(new ConcurrentQueue<NativeSpawner>());

    /// <param name="nodeCgroupKill">The node cgroup's <c>cgroup.kill</c>; every spawner writes it when this process goes.</param>
    /// <param name="nodeCgroups">The node's cgroup directories.</param>
    /// <param name="options">How many spawners, and how long a start waits for a free one.</param>
    public SpawnerPool(string? nodeCgroupKill, IReadOnlyList<string> nodeCgroups, ProcessRunnerOptions options)
    {
        _waitForFree = options.SpawnerWait;
        var spawners = new List<NativeSpawner>();
        try
        {
            for (var i = 0; i < Math.Clamp(Environment.ProcessorCount, options.MinSpawners, options.MaxSpawners); i++)
            {
                spawners.Add(new NativeSpawner(nodeCgroupKill, nodeCgroups));
            }
        }
        catch
        {
            spawners.ForEach(spawner => spawner.Dispose());
            throw;
        }

        _all = [.. spawners];
        foreach (var spawner in _all)
        {
            _free.Add(spawner);
        }
    }

    /// <summary>The spawners' own processes, for the event loop to reap should one exit.</summary>
    public IEnumerable<ChildProcess> Processes => _all.Select(spawner => spawner.Process);

    /// <summary>Starts a program through a free spawner; see <see cref="NativeSpawner.Spawn"/>.</summary>
    public (int Pid, SafeFileDescriptorHandle PidFd) Spawn(string program, IReadOnlyList<string> argv, IReadOnlyList<string> environment, string? extraVariable,
        RunIdentity? identity, IReadOnlyList<string> cgroupDirectories, SafeFileDescriptorHandle childInput, SafeFileDescriptorHandle childOutput)
    {
        if (!_free.TryTake(out var spawner, _waitForFree))
        {
            throw new SpawnException(NativeSpawner.FileName, Libc.EAGAIN);
        }

        try
        {
            return spawner.Spawn(program, argv, environment, extraVariable, identity, cgroupDirectories, childInput, childOutput);
        }
        finally
        {
            // A spawner that died stays out, so starts go to the ones left; none left is logged as critical.
            if (!spawner.Process.Exited.IsCompleted)
            {
                _free.Add(spawner);
            }
        }
    }

    /// <summary>Closes every spawner's socket: they kill the node's runs and exit.</summary>
    public void Dispose()
    {
        foreach (var spawner in _all)
        {
            spawner.Dispose();
        }

        _free.Dispose();
    }
}
