using System.Collections.Concurrent;

namespace HoopOrleans.Processes;

/// <summary>
/// The node's cgroups: one directory under this process's own v2 cgroup that holds a cgroup per
/// run, and, for limits, the same under the v1 <c>pids</c> and <c>memory</c> hierarchies where the
/// unified hierarchy lacks those controllers. Whether cgroups can be made is found by making the
/// node's; where they cannot (no v2 hierarchy, no permission), <see cref="Available"/> is false and
/// runs keep to their process group and the orphan guard.
/// </summary>
internal sealed class NodeCgroups : IDisposable
{
    private readonly string? _unified;
    private readonly bool _unifiedLimits;
    private readonly string? _pids;
    private readonly string? _memory;
    private static readonly TimeSpan ShutdownLimit = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<(uint Uid, RunLimits Limits), SpareRunCgroups> _spares = new();
    private long _runs;

    private NodeCgroups(string? unified, bool unifiedLimits, string? pids, string? memory)
    {
        _unified = unified;
        _unifiedLimits = unifiedLimits;
        _pids = pids;
        _memory = memory;
    }

    /// <summary>Each run gets a cgroup of its own, killed whole when the run ends.</summary>
    public bool Available => _unified is not null;

    /// <summary>The node cgroup's <c>cgroup.kill</c>: writing 1 ends every run of the node.</summary>
    public string? KillFile => _unified is null ? null : Path.Combine(_unified, "cgroup.kill");

    /// <summary>The node's own cgroup directories, in every hierarchy it has one in.</summary>
    public IReadOnlyList<string> NodeDirectories => new[] { _unified, _pids, _memory }.OfType<string>().ToList();

    public bool LimitsProcesses => Available && (_unifiedLimits || _pids is not null);

    public bool LimitsMemory => Available && (_unifiedLimits || _memory is not null);

    /// <summary>How runs are walled off here, for the start-up log.</summary>
    public string Mode => !Available
        ? "no cgroups (runs keep to their process group and the orphan guard)"
        : $"a cgroup per run under {_unified}; process limits {(LimitsProcesses ? _unifiedLimits ? "by the v2 pids controller" : $"by the v1 pids hierarchy ({_pids})" : "unavailable")}; " +
          $"memory limits {(LimitsMemory ? _unifiedLimits ? "by the v2 memory controller" : $"by the v1 memory hierarchy ({_memory})" : "unavailable")}";

    public static NodeCgroups Create()
    {
        var name = $"hoop-{Environment.ProcessId}-{Guid.NewGuid():N}"[..24];
        var unified = MakeNodeDirectory(CgroupMounts.UnifiedDirectory(), name);
        if (unified is null || !File.Exists(Path.Combine(unified, "cgroup.kill")))
        {
            if (unified is not null)
            {
                Libc.rmdir(unified);
            }

            return new NodeCgroups(null, false, null, null);
        }

        var controllers = File.ReadAllText(Path.Combine(unified, "cgroup.controllers")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unifiedLimits = controllers.Contains("pids") && controllers.Contains("memory")
            && CgroupFile.Write(Path.Combine(unified, "cgroup.subtree_control"), "+pids +memory") == 0;
        return unifiedLimits
            ? new NodeCgroups(unified, true, null, null)
            : new NodeCgroups(unified, false, MakeNodeDirectory(CgroupMounts.Version1Directory("pids"), name), MakeNodeDirectory(CgroupMounts.Version1Directory("memory"), name));
    }

    /// <summary>
    /// A run's cgroups with their limits, or null where cgroups are not available. A run whose
    /// processes are those of user <paramref name="sharedBy"/> may be given a cgroup an earlier run
    /// of the same user with the same limits emptied (see <see cref="SpareRunCgroups"/>); null never.
    /// </summary>
    public RunCgroup? CreateRun(RunLimits limits, uint? sharedBy = null)
    {
        if (_unified is null)
        {
            return null;
        }

        var spares = sharedBy is { } uid
            ? _spares.GetOrAdd((uid, limits), static key => new SpareRunCgroups(key.Limits.MaxMemoryBytes))
            : null;
        if (spares?.TryTake() is { } kept)
        {
            return kept;
        }

        var name = $"run-{Interlocked.Increment(ref _runs)}";
        var directories = new List<string>(3);
        try
        {
            var unified = MakeRunDirectory(_unified, name, directories);
            string? memoryCharge = null;
            if (limits.MaxProcesses is { } processes)
            {
                var pids = _unifiedLimits ? unified : MakeRunDirectory(_pids!, name, directories);
                Check(CgroupFile.Write(Path.Combine(pids, "pids.max"), processes.ToString()), "pids.max");
            }

            if (limits.MaxMemoryBytes is { } bytes)
            {
                var memory = _unifiedLimits ? unified : MakeRunDirectory(_memory!, name, directories);
                Check(CgroupFile.Write(Path.Combine(memory, _unifiedLimits ? "memory.max" : "memory.limit_in_bytes"), bytes.ToString()), "memory limit");
                memoryCharge = Path.Combine(memory, _unifiedLimits ? "memory.current" : "memory.usage_in_bytes");
            }

            return new RunCgroup([.. directories], spares, memoryCharge);
        }
        catch
        {
            new RunCgroup([.. directories]).Remove();
            throw;
        }
    }

    /// <summary>Ends every run of the node and removes the node's cgroups.</summary>
    public void Dispose()
    {
        if (_unified is null)
        {
            return;
        }

        // The spawner, told by its closed socket, may be removing the same directories right now.
        foreach (var spares in _spares.Values)
        {
            spares.Close();
        }

        CgroupFile.Write(KillFile!, "1");
        foreach (var node in NodeDirectories)
        {
            try
            {
                new RunCgroup([node, .. Directory.GetDirectories(node)]).RemoveNow(ShutdownLimit);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }

    private static string? MakeNodeDirectory(string? parent, string name)
    {
        if (parent is null)
        {
            return null;
        }

        var directory = Path.Combine(parent, name);
        return CgroupFile.Create(directory) == 0 ? directory : null;
    }

    private static string MakeRunDirectory(string parent, string name, List<string> made)
    {
        var directory = Path.Combine(parent, name);
        Check(CgroupFile.Create(directory), directory);
        made.Add(directory);
        return directory;
    }

    private static void Check(int errno, string what)
    {
        if (errno != 0)
        {
            throw new SpawnException($"cgroup {what}", errno);
        }
    }
}
