namespace HoopOrleans.Storage;

/// <summary>How long finished sessions are kept, and how much of them; bound from the <c>Retention</c> section.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Finished sessions whose end date is older than this are deleted, in every store.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// The embedded store's cap on what its sessions take, whole records counted; past it the
    /// oldest finished sessions are deleted first. Sessions not yet done are never deleted, so
    /// they alone can hold the store above it. PostgreSQL ignores it: rows live on disk.
    /// </summary>
    public long MaxStoredBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// A session waiting for its review longer than this (counted from its request) ends as
    /// <c>failed</c>, "review expired": requests nobody approves must not pile up for ever, nor be
    /// approved long after anyone remembers why they were made.
    /// </summary>
    public TimeSpan ReviewMaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often each node looks for sessions past <see cref="MaxAge"/>, and for reviews past <see cref="ReviewMaxAge"/>.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
