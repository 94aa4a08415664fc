namespace HoopOrleans.Processes;

/// <summary>How a run ended.</summary>
/// <param name="Ending">Whether it exited by itself, was killed, ran out of time or never started.</param>
/// <param name="ExitCode">
/// The program's exit code, 128+N when signal N ended it; null unless it <see cref="RunEnding.Exited"/>
/// and its status could be collected (another reaper can take it first).
/// </param>
/// <param name="Output">The captured output, at most the cap; for a program that never started, why.</param>
/// <param name="Truncated">More output was produced than the cap allowed.</param>
/// <param name="ExecutionTime">From process start to process exit.</param>
public sealed record ProcessOutcome(RunEnding Ending, int? ExitCode, byte[] Output, bool Truncated, TimeSpan ExecutionTime);
