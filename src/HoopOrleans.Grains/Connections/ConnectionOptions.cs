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
}
