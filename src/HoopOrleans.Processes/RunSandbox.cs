namespace HoopOrleans.Processes;

/// <summary>The walls of a run: whose ids it runs with and what it may use.</summary>
/// <param name="Identity">The user, groups and directory of the run; null keeps the service's (a non-root service, or <c>User: root</c>).</param>
/// <param name="Limits">Caps on what the run's cgroup may hold.</param>
public sealed record RunSandbox(RunIdentity? Identity, RunLimits Limits)
{
    /// <summary>The service's own user and no limits.</summary>
    public static readonly RunSandbox None = new(null, RunLimits.None);
}
