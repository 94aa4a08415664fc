namespace HoopOrleans.Processes;

/// <summary>What a node's <see cref="ProcessRunner"/> holds at most.</summary>
/// <param name="MaxConcurrentRuns">The most runs at once; past it, <see cref="ProcessRunner.TryReserve"/> refuses.</param>
/// <param name="MaxOutputBytes">The most output kept per run; the rest is read and dropped.</param>
public sealed record RunnerLimits(int MaxConcurrentRuns, int MaxOutputBytes);
