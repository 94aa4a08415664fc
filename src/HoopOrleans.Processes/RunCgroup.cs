using System.Runtime.InteropServices;

namespace HoopOrleans.Processes;

/// <summary>
/// One run's cgroups: the unified one first (it holds every process of the run, whatever it did
/// with its process group or environment), then any v1 ones that carry its limits. One that its
/// node may give to a later run (<paramref name="spares"/>) goes back to it, once empty, instead
/// of being removed.
/// </summary>
/// <param name="directories">The unified cgroup first, then the v1 ones that carry limits.</param>
/// <param name="spares">Where the cgroup goes back to for a later run, if anywhere.</param>
/// <param name="memoryCharge">The file that says how much memory is charged to it, where it has a memory limit.</param>
internal sealed class RunCgroup(string[] directories, SpareRunCgroups? spares = null, string? memoryCharge = null)
{
    private static readonly TimeSpan RemoveRetry = TimeSpan.FromMilliseconds(20);
    private const int RemoveAttempts = 250;

    /// <summary>
    /// The run's directories, which a new process joins in the spawner before exec. Only these are
    /// kept for as long as the run lasts: the paths of the files in them are made when needed.
    /// </summary>
    public IReadOnlyList<string> Directories => directories;

    /// <summary>The memory charged to the cgroup (what its processes left behind once they are gone: page cache, tmpfs files); null without a memory limit or when it cannot be read.</summary>
    public long? MemoryCharged => memoryCharge is null ? null : CgroupFile.ReadNumber(memoryCharge);

    /// <summary>Ends every process of the run at once (<c>cgroup.kill</c> sends SIGKILL to the whole cgroup).</summary>
    public void KillAll() => CgroupFile.Write(Path.Combine(directories[0], "cgroup.kill"), "1");

    /// <summary>
    /// Called when the run has ended and its processes were killed: gives the cgroup back to its
    /// node for a later run where the node keeps it; false when the caller is to remove it.
    /// </summary>
    public bool TryGiveBack() => spares?.TryKeep(this) == true;

    /// <summary>
    /// Removes the run's cgroups. A killed process leaves its cgroup a moment after the kill, and a
    /// cgroup with members cannot be removed, so what is still busy is tried again in the background.
    /// </summary>
    public void Remove()
    {
        if (!TryRemoveAll())
        {
            _ = RemoveLaterAsync();
        }
    }

    /// <summary>Removes the cgroups, waiting up to <paramref name="limit"/> for their processes to leave.</summary>
    public void RemoveNow(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!TryRemoveAll() && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }
    }

    private async Task RemoveLaterAsync()
    {
        for (var attempt = 0; attempt < RemoveAttempts && !TryRemoveAll(); attempt++)
        {
            await Task.Delay(RemoveRetry).ConfigureAwait(false);
        }
    }

    private bool TryRemoveAll()
    {
        var removed = true;
        for (var i = directories.Length - 1; i >= 0; i--)
        {
            if (Libc.rmdir(directories[i]) != 0 && Marshal.GetLastPInvokeError() != Libc.ENOENT)
            {
                removed = false;
            }
        }

        return removed;
    }
}
