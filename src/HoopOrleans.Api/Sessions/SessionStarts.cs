using HoopOrleans.Api.Auth;
using HoopOrleans.Api.Errors;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// The grain calls that start runs, for every front door (HTTP's <c>POST /api/sessions</c> and
/// <c>/exec</c>, hoop's gRPC transport): each carries the caller's run bound, and a call whose
/// answer was lost after it reached the cluster reads as "may be running", never as a failure.
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
            return (await grain.Exec(requester, wait), false);
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
    public static async Task<SessionRecord?> RunAsync(ISessionGrain grain, SessionRequest request, TimeSpan wait, bool isNew, CallerBound runs)
    {
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
            CallerRunBound.Clear();
        }
    }
}
