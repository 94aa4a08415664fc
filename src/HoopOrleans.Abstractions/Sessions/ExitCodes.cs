namespace HoopOrleans.Sessions;

/// <summary>Exit codes the service reports itself, beside the process's own.</summary>
public static class ExitCodes
{
    /// <summary>The service could not start the program, or stopped it (kill, timeout, shutdown).</summary>
    public const int ServiceError = 254;

    /// <summary>The outcome was lost with the node that ran it.</summary>
    public const int Lost = -2;

    /// <summary>Added to the signal number when a signal ended the process.</summary>
    public const int SignalBase = 128;
}
