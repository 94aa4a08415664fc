using System.Runtime.CompilerServices;

namespace HoopOrleans.Sessions;

/// <summary>
/// How a session grain waits for something that may fail or never come: without throwing (the
/// caller looks at the state afterwards, not at the wait), and continuing on the grain's own
/// scheduler, as every step of an activation must.
/// </summary>
internal static class GrainWaits
{
    /// <summary>Waits for <paramref name="task"/> to end, however it ends.</summary>
    public static ConfiguredTaskAwaitable Settled(this Task task) =>
        task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);

    /// <summary>Waits for <paramref name="task"/> to end, however it ends, or for <paramref name="timeout"/> to pass.</summary>
    public static ConfiguredTaskAwaitable UpTo(this Task task, TimeSpan timeout) => task.WaitAsync(timeout).Settled();
}
