namespace HoopOrleans.Processes;

/// <summary>The exit codes a <see cref="ProcessOutcome"/> carries besides the program's own.</summary>
public static class ProcessExitCodes
{
    /// <summary>The runner could not start the program, or stopped it (a kill, a timeout, a shutdown).</summary>
    public const int ServiceError = 254;

    /// <summary>Added to the signal number when a signal ended the program.</summary>
    public const int SignalBase = 128;
}
