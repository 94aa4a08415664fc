using System.ComponentModel.DataAnnotations;

namespace HoopOrleans.Sessions;

/// <summary>How runs behave on a node; bound from the <c>Sessions</c> section.</summary>
public sealed class SessionRunOptions
{
    public const string Section = "Sessions";

    /// <summary>The most output kept per session; the rest is read and dropped.</summary>
    [Range(1, 1 << 30)]
    public int MaxOutputBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The most processes this node runs at once; past it, new runs are refused.</summary>
    [Range(1, 1_000_000)]
    public int MaxConcurrentRuns { get; set; } = 4096;
}
