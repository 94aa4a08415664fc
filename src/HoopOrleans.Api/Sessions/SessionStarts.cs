using HoopOrleans.Api.Auth;
using HoopOrleans.Api.Errors;
using HoopOrleans.Connections;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// The grain calls that start runs, for every front door (HTTP's <c>POST /api/sessions</c> and
/// <c>/exec</c>, hoop's gRPC transport): each carries the caller's run bound, and a call whose
/// answer was lost after it reached the cluster reads as "may be running", never as a failure.
/// Each lands on a silo that hosts the session's connection: a new run names it for placement
/// (<see cref="ConnectionHint"/>); an exec or a review that met the session on another silo is
/// sent again, naming it, once that activation has gone (<see cref="ConnectionElsewhereException"/>).
/// </summary>
internal static class SessionStarts
{
    /// <summary>The exec call: the session (null when the caller may not see it), or lost when its answer was.</summary>
    /// <remarks>Only the requester may exec, so the caller's run bound is the session's requester's.</remarks>
    public static async Task<(SessionRecord? Session, bool Lost)> ExecAsync(ISessionGrain grain, SessionActor requester, TimeSpan wait, CallerBound runs)
    {
        CallerRunBound.Set(runs.Limit, runs.Setting);
        try
        {
            return (await OnHostingSiloAsync(() => grain.Exec(requester, wait)), false);
        }
        catch (Exception e) when (ServiceFailures.MayHaveCompleted(e))
        {
            return (null, true);
        }
        finally
        {
            CallerRunBound.Clear();
        }
    }

    /// <summary>
    /// Makes the call that starts a run. Null when the call reached the cluster and its answer was
    /// lost (<see cref="ServiceFailures.MayHaveCompleted"/>): the run may be going, and a 503
    /// would invite a retry that runs the script twice, so the caller answers with the id to look
    /// at. Every other failure is the front door's to answer (<see cref="ApiExceptionHandler"/>, <see cref="Grpc.GrpcFailures"/>). A call for a new id carries <see cref="NewSessionHint"/>;
    /// every call carries the caller's run bound (<see cref="CallerRunBound"/>), which the session's grain reserves against.
    /// </summary>
    /// <exception cref="UnknownConnectionException">No silo has advertised the connection.</exception>
    /// <exception cref="ConnectionUnavailableException">No live silo hosts it.</exception>
    public static async Task<SessionRecord?> RunAsync(ISessionGrain grain, SessionRequest request, TimeSpan wait, bool isNew, CallerBound runs, IConnectionDirectory connections)
    {
        await RequireHostAsync(connections, request.Connection);
        ConnectionHint.Set(request.Connection);
        if (isNew)
        {
            NewSessionHint.Mark();
        }

        CallerRunBound.Set(runs.Limit, runs.Setting);

        try
        {
            return await grain.Run(request, wait);
        }
        catch (Exception e) when (ServiceFailures.MayHaveCompleted(e))
        {
            return null;
        }
        finally
        {
            NewSessionHint.Clear();
            ConnectionHint.Clear();
            CallerRunBound.Clear();
        }
    }

    /// <summary>The review call, on a silo that hosts the session's connection, where its exec will run.</summary>
    public static Task<SessionRecord?> ReviewAsync(ISessionGrain grain, SessionActor reviewer, bool approved, string? rejectionReason) =>
        OnHostingSiloAsync(() => grain.Review(reviewer, approved, rejectionReason));

    /// <summary>
    /// Refuses a run before any grain call when this node's view of the cluster says it cannot
    /// happen: a name no silo advertises, or one no live silo hosts. A view that would refuse is
    /// read again first, so a silo that joined a moment ago is not missed.
    /// </summary>
    private static async Task RequireHostAsync(IConnectionDirectory connections, string name)
    {
        if (connections.Find(name) is not { Online: true })
        {
            await connections.RefreshAsync(CancellationToken.None);
            switch (connections.Find(name))
            {
                case null:
                    throw new UnknownConnectionException(name);
                case { Online: false }:
                    throw new ConnectionUnavailableException(name);
            }
        }
    }

    /// <summary>
    /// Makes <paramref name="call"/>, and again, naming the connection, when the session's activation
    /// was on a silo that does not host it: that activation has gone, so the next call places the
    /// session on a host. A few tries cover an activation still going when the call comes back.
    /// </summary>
    private static async Task<T> OnHostingSiloAsync<T>(Func<Task<T>> call)
    {
        const int Attempts = 4;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await call();
                }
                catch (ConnectionElsewhereException e) when (attempt < Attempts)
                {
                    ConnectionHint.Set(e.Connection);
                }
            }
        }
        finally
        {
            ConnectionHint.Clear();
        }
    }
}
