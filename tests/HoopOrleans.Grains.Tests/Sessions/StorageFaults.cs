using System.Collections.Concurrent;
using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>
/// Faults the test cluster's session storage puts on the writes of chosen sessions: each test names
/// its own sessions, so tests in parallel never see each other's faults.
/// </summary>
public static class StorageFaults
{
    private static readonly ConcurrentDictionary<GrainId, Fault> Faults = new();

    /// <summary>Every write of the session fails, as a store outage, until <see cref="Heal"/>.</summary>
    public static Fault FailWrites(GrainId session) => Faults[session] = new Fault(Hold: false);

    /// <summary>The session's next write waits until the fault is healed, then goes through.</summary>
    public static Fault HoldWrites(GrainId session) => Faults[session] = new Fault(Hold: true);

    public static void Heal(GrainId session)
    {
        if (Faults.TryRemove(session, out var fault))
        {
            fault.Healed.TrySetResult();
        }
    }

    internal static async Task BeforeWriteAsync(GrainId session, SessionRecord? written)
    {
        if (!Faults.TryGetValue(session, out var fault))
        {
            return;
        }

        fault.Writes.Writer.TryWrite(written);
        if (fault.Hold)
        {
            await fault.Healed.Task;
            return;
        }

        throw new SessionStoreUnavailableException(new IOException("the test made the store fail"));
    }

    /// <summary>One session's fault, and the writes it met, in order.</summary>
    public sealed record Fault(bool Hold)
    {
        public System.Threading.Channels.Channel<SessionRecord?> Writes { get; } = System.Threading.Channels.Channel.CreateUnbounded<SessionRecord?>();

        public TaskCompletionSource Healed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Waits for the next write the fault met, and returns what it would have written.</summary>
        public async Task<SessionRecord?> NextWriteAsync() => await Writes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
