namespace HoopOrleans.Processes;

/// <summary>How a run ended.</summary>
/// <param name="ExitCode">The exit code, 128+N for signal N, or <see cref="ProcessExitCodes.ServiceError"/>.</param>
/// <param name="Output">The captured output, at most the cap.</param>
/// <param name="Truncated">More output was produced than the cap allowed.</param>
/// <param name="ExecutionTime">From process start to process exit.</param>
/// <param name="FailureReason">Why the runner or its caller ended the run (see <see cref="ProcessStopReasons"/>); null when the process ended by itself.</param>
public sealed record ProcessOutcome(int ExitCode, byte[] Output, bool Truncated, TimeSpan ExecutionTime, string? FailureReason);
