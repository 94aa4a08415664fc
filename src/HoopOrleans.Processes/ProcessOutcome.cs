namespace HoopOrleans.Processes;

/// <summary>How a run ended.</summary>
/// <param name="ExitCode">The exit code, 128+N for signal N, or the service's own code.</param>
/// <param name="Output">The captured output, at most the cap.</param>
/// <param name="Truncated">More output was produced than the cap allowed.</param>
/// <param name="ExecutionTime">From process start to process exit.</param>
/// <param name="FailureReason">Why the service ended the run; null when the process ended by itself.</param>
public sealed record ProcessOutcome(int ExitCode, byte[] Output, bool Truncated, TimeSpan ExecutionTime, string? FailureReason);
