namespace HoopOrleans.Api.Grpc;

/// <summary>The spec keys and metadata names of hoop's transport that this service reads or writes.</summary>
internal static class SpecKeys
{
    public const string SessionId = "gateway.session_id";
    public const string ConnectionType = "gateway.connection_type";
    public const string Command = "client.command";
    public const string ExitCode = "client.exit_code";

    /// <summary>The run's arguments: Go's gob encoding of a <c>[]string</c>.</summary>
    public const string Args = "terminal.args";

    /// <summary>Per-session environment variables, which this service does not take.</summary>
    public const string EnvVars = "terminal.envvars";

    /// <summary>Metadata: the connection to run on.</summary>
    public const string ConnectionHeader = "connection-name";

    /// <summary>Metadata: <c>exec</c>, or <c>connect</c> for an interactive terminal.</summary>
    public const string VerbHeader = "verb";

    /// <summary>Metadata: a workflow's id, which makes the run idempotent as <c>Idempotency-Key</c> does on HTTP.</summary>
    public const string CorrelationHeader = "correlation-id";
}
