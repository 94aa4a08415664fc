namespace HoopOrleans.Processes;

/// <summary>Per-run limits, enforced by the pids and memory cgroup controllers where the machine has them.</summary>
/// <param name="MaxProcesses">The most processes and threads the run may hold at once.</param>
/// <param name="MaxMemoryBytes">The most memory the run may use; past it the kernel kills within the run.</param>
public sealed record RunLimits(int? MaxProcesses, long? MaxMemoryBytes)
{
    public static readonly RunLimits None = new(null, null);
}
