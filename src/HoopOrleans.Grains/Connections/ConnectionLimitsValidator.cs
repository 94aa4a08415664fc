using HoopOrleans.Processes;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Connections;

/// <summary>
/// Refuses to start when a connection asks for a per-run cap this node cannot enforce (its machine
/// lacks the pids or memory controller): a limit an operator set and the node silently ignored
/// would be worse than none, and every such run would otherwise fail to start. A connection that
/// asks for its caps only where they can be enforced (<see cref="ConnectionOptions.LimitsWhereEnforceable"/>,
/// as the shipped <c>bash</c> connection does) passes.
/// </summary>
/// <param name="processes">Whether <see cref="ConnectionOptions.MaxProcesses"/> can be enforced here.</param>
/// <param name="memory">Whether <see cref="ConnectionOptions.MaxMemoryBytes"/> can be enforced here.</param>
public sealed class ConnectionLimitsValidator(bool processes, bool memory) : IValidateOptions<Dictionary<string, ConnectionOptions>>
{
    public ConnectionLimitsValidator(RunLauncher launcher)
        : this(launcher.LimitsProcesses, launcher.LimitsMemory)
    {
    }

    public ValidateOptionsResult Validate(string? name, Dictionary<string, ConnectionOptions> options)
    {
        var failures = new List<string>();
        foreach (var (connection, settings) in options)
        {
            if (settings.LimitsWhereEnforceable)
            {
                // Asked for where they can be had: ConfiguredConnections leaves out what cannot.
                continue;
            }

            if (settings.MaxProcesses is not null && !processes)
            {
                failures.Add($"{ConnectionOptions.Section}:{connection}:MaxProcesses cannot be enforced on this machine: it has no pids cgroup controller this service may use.");
            }

            if (settings.MaxMemoryBytes is not null && !memory)
            {
                failures.Add($"{ConnectionOptions.Section}:{connection}:MaxMemoryBytes cannot be enforced on this machine: it has no memory cgroup controller this service may use.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
