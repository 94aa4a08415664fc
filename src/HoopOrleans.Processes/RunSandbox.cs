using System.Collections.Immutable;

namespace HoopOrleans.Processes;

/// <summary>The walls of a run: whose ids it runs with and what it may use.</summary>
/// <param name="Identity">The user, groups and directory of the run; null keeps the service's (a non-root service, or <c>User: root</c>).</param>
/// <param name="Limits">Caps on what the run's cgroup may hold.</param>
public sealed record RunSandbox(RunIdentity? Identity, RunLimits Limits)
{
    /// <summary>The service's own user and no limits.</summary>
    public static readonly RunSandbox None = new(null, RunLimits.None);
}

/// <summary>Who a run is: the ids it drops to before exec, and where it starts.</summary>
public sealed record RunIdentity(uint Uid, uint Gid, ImmutableArray<uint> Groups, string WorkingDirectory);

/// <summary>Per-run limits, enforced by the pids and memory cgroup controllers where the machine has them.</summary>
/// <param name="MaxProcesses">The most processes and threads the run may hold at once.</param>
/// <param name="MaxMemoryBytes">The most memory the run may use; past it the kernel kills within the run.</param>
public sealed record RunLimits(int? MaxProcesses, long? MaxMemoryBytes)
{
    public static readonly RunLimits None = new(null, null);
}
