namespace HoopOrleans.Sessions;

/// <summary>
/// Exit codes the service reports itself, beside the process's own (which is 128+N when signal N
/// ended it, as shells say it). The one place these are defined: the process library reports how a
/// run ended, and the session's rules (<c>SessionTransitions</c>) turn that into these.
/// </summary>
public static class ExitCodes
{
    /// <summary>The service could not start the program, or stopped it (kill, timeout, shutdown).</summary>
    public const int ServiceError = 254;

    /// <summary>The outcome was lost with the node that ran it.</summary>
    public const int Lost = -2;
}
