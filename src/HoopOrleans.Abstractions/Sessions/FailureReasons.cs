namespace HoopOrleans.Sessions;

/// <summary>
/// Why the service, rather than the process itself, ended a run: the one place these texts are
/// defined. The process library reports how a run ended (<c>RunEnding</c>); the session's rules
/// name the reason.
/// </summary>
public static class FailureReasons
{
    /// <summary>The program could not be started.</summary>
    public const string StartFailed = "could not start";

    /// <summary>Someone killed the run.</summary>
    public const string Killed = "killed";

    /// <summary>The run took longer than its connection allows.</summary>
    public const string TimedOut = "timed out";

    /// <summary>The node running the session went away; what the process did is unknown.</summary>
    public const string Lost = "lost";

    /// <summary>A reviewer rejected the session; it never ran.</summary>
    public const string Rejected = "rejected";

    /// <summary>The session waited for its review longer than <c>Retention:ReviewMaxAge</c>; it never ran.</summary>
    public const string ReviewExpired = "review expired";

    /// <summary>The node was shutting down and stopped the run.</summary>
    public const string Shutdown = "node shut down";
}
