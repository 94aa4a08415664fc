using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>Waiting for a session's result from a test.</summary>
public static class SessionGrainWaits
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The session once it is done. One grain call waits at most <see cref="SessionLimits.MaxCallWait"/>,
    /// and a loaded machine can take longer than that to run even a short script, or to store its
    /// result after a storage fault: so, like a client, this reads again until the session is done.
    /// </summary>
    /// <param name="viewer">Who reads it; unset, <see cref="Actors.Requester"/>.</param>
    public static async Task<SessionRecord> DoneAsync(this ISessionGrain grain, SessionActor? viewer = null)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var session = await grain.Get(viewer ?? Actors.Requester, SessionLimits.MaxCallWait) ?? throw new InvalidOperationException("the session does not exist");
            if (session.IsDone)
            {
                return session;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"session {session.Id} still {session.Status} after {Deadline}");
            }
        }
    }

    /// <summary>Runs <paramref name="request"/> and waits for the session to be done.</summary>
    public static async Task<SessionRecord> RunToEndAsync(this ISessionGrain grain, SessionRequest request)
    {
        await grain.Run(request, SessionLimits.MaxCallWait);
        return await grain.DoneAsync(new SessionActor(request.User, IsAdmin: false));
    }
}
