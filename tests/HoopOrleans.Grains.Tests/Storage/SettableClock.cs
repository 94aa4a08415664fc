namespace HoopOrleans.Grains.Tests.Storage;

/// <summary>
/// A clock the test sets: retention's cut-off is exact. Its timers are the system's, so a sweeper
/// with a short interval still ticks on its own.
/// </summary>
public sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
