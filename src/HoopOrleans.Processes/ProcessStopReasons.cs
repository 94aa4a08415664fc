namespace HoopOrleans.Processes;

/// <summary>
/// Why the runner itself ended a run, as <see cref="ProcessOutcome.FailureReason"/> says it. The
/// caller's own reasons are the ones it gives to <see cref="ProcessRun.Kill"/>.
/// </summary>
public static class ProcessStopReasons
{
    /// <summary>The program could not be started.</summary>
    public const string StartFailed = "could not start";

    /// <summary>The run took longer than its <see cref="RunSpec.Timeout"/>.</summary>
    public const string TimedOut = "timed out";
}
