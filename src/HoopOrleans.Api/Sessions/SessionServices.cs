using System.Diagnostics;
using HoopOrleans.Api.Auth;
using HoopOrleans.Api.Errors;
using HoopOrleans.Connections;
using HoopOrleans.Sessions;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Sessions;

/// <summary>What the session handlers work with, bound with <c>[AsParameters]</c>.</summary>
/// <param name="Grains">Where the sessions are: one grain each.</param>
/// <param name="Options">How long requests wait, and what they may send.</param>
/// <param name="Lifetime">This node's life: a node asked to stop answers its waiting clients at once.</param>
/// <param name="Bounds">How many runs and streams each caller may hold.</param>
/// <param name="Streams">The output streams each caller has open on this front end.</param>
/// <param name="Connections">The cluster's connections and the silos that host each.</param>
internal sealed record SessionServices(
    SessionGrainReferences Grains, IOptions<HoopSessionOptions> Options, IHostApplicationLifetime Lifetime, CallerBounds Bounds, StreamCounts Streams,
    IConnectionDirectory Connections)
{
    /// <summary>
    /// The session's grain, when <paramref name="id"/> is a session id at all (anything else is 404
    /// without a grain call). The grain itself decides whether the caller may see the session, in
    /// the call that acts on it.
    /// </summary>
    public ISessionGrain? GrainOf(string id) => SessionIds.TryParse(id, out var sessionId) ? Grains.Of(sessionId) : null;

    /// <summary>
    /// Waits out what is left of the request's wait in grain calls of bounded length: one call never
    /// outlives the grain call timeout, however long the client is willing to wait. The run is
    /// going by now, so a call that fails ends the wait and the caller gets the id to poll. So does
    /// this node being asked to stop: it answers its waiting clients and lets them poll elsewhere.
    /// </summary>
    public async Task<SessionRecord> WaitUntilDoneAsync(ISessionGrain grain, SessionActor viewer, SessionRecord session, long started, TimeSpan wait)
    {
        var stopping = Lifetime.ApplicationStopping;
        while (session.Status == SessionStatus.Running && !stopping.IsCancellationRequested)
        {
            var remaining = wait - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            try
            {
                session = await grain.Get(viewer, remaining) ?? session;
            }
            catch (Exception e) when (ServiceFailures.IsUnavailable(e))
            {
                break;
            }
        }

        return session;
    }
}
