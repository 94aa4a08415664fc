namespace HoopOrleans.Api.Grpc;

/// <summary>The packet types of hoop's transport that this service reads or writes (hoop's <c>common/proto</c> names them).</summary>
internal static class PacketTypes
{
    /// <summary>Client: open a session; payload the script, spec its arguments. Sent again after an approval.</summary>
    public const string SessionOpen = "AgentSessionOpen";

    /// <summary>Client: the script again, once the session is open; the output follows.</summary>
    public const string ExecWriteStdin = "AgentExecWriteStdin";

    /// <summary>Client: every 10 s, to keep the stream alive; ignored.</summary>
    public const string KeepAlive = "GatewayKeepAlive";

    /// <summary>Prefix of hoop's system packets; ignored.</summary>
    public const string SystemPrefix = "Sys";

    /// <summary>Server: the session is open (its id in the spec); the client sends the script.</summary>
    public const string SessionOpenOk = "ClientSessionOpenOK";

    /// <summary>Server: the session waits for a review; payload the URL to review it at.</summary>
    public const string SessionOpenWaitingApproval = "ClientSessionOpenWaitingApproval";

    /// <summary>Server: the session was approved; the client opens it again to run it.</summary>
    public const string SessionOpenApproveOk = "ClientSessionOpenApproveOK";

    /// <summary>Server: output; this service keeps one output, so stderr arrives here too.</summary>
    public const string WriteStdout = "ClientWriteStdout";

    /// <summary>Server: the end; the exit code in the spec, an error for the client to print as payload.</summary>
    public const string SessionClose = "ClientSessionClose";
}
