namespace HoopOrleans.Connections;

/// <summary>One connection as configured under <c>Connections:&lt;name&gt;</c>.</summary>
public sealed class ConnectionOptions
{
    public const string Section = "Connections";

    /// <summary>The argv of the program to start; <c>client_args</c> are appended to it.</summary>
    public string[] Command { get; set; } = [];

    /// <summary>Extra environment variables for the process. Secrets live here; they are never echoed back.</summary>
    public Dictionary<string, string> Env { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The longest a run may take before it is killed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Runs need an approval first.</summary>
    public bool Review { get; set; }

    /// <summary>
    /// Under a root service, the user runs start as (name or number); unset, a uid of the
    /// connection's own from <c>Security:RunUidRange</c>. <c>root</c> only when said: it is not contained.
    /// </summary>
    public string? User { get; set; }

    /// <summary>The run's group (name or number); unset, the user's own group.</summary>
    public string? Group { get; set; }

    /// <summary>The directory runs start in; unset, the run user's home.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>The most processes and threads one run may hold at once (the pids cgroup controller).</summary>
    public int? MaxProcesses { get; set; }

    /// <summary>The most memory one run may use (the memory cgroup controller).</summary>
    public long? MaxMemoryBytes { get; set; }

    /// <summary>
    /// <see cref="MaxProcesses"/> and <see cref="MaxMemoryBytes"/> apply where this node can enforce
    /// them and are left out, said at start, where it cannot. False (the default), a cap the node
    /// cannot enforce stops the start: an operator's cap silently ignored would be worse than none.
    /// The shipped <c>bash</c> connection sets it, so its default caps hold wherever the machine
    /// has the controllers and a machine (or container) without them still starts.
    /// </summary>
    public bool LimitsWhereEnforceable { get; set; }

    /// <summary>hoop.dev's connection type, shown and filtered by as each session's <c>type</c>.</summary>
    public string Type { get; set; } = Sessions.ConnectionProfile.CustomType;

    /// <summary>hoop.dev's connection subtype (such as <c>postgres</c>), each session's <c>connection_subtype</c>.</summary>
    public string Subtype { get; set; } = "";

    /// <summary>hoop.dev's connection tags, each session's <c>connection_tags</c>.</summary>
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
}
