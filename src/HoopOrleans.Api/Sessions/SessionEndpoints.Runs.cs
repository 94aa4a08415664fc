using System.Diagnostics;
using HoopOrleans.Api.Auth;
using HoopOrleans.Api.Errors;
using HoopOrleans.Api.Json;
using HoopOrleans.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HoopOrleans.Api.Sessions;

// The handlers that start runs: POST /api/sessions and POST /api/sessions/{id}/exec. Once a run
// may have started, its caller is told the session's id, whatever fails afterwards.
public static partial class SessionEndpoints
{
    private static async Task<Results<JsonAnswer<RunResult>, BadRequest<ErrorBody>, UnprocessableEntity<ErrorBody>, JsonHttpResult<ErrorBody>>> RunAsync(
        HttpContext http, [AsParameters] SessionServices services)
    {
        var started = Stopwatch.GetTimestamp();
        var settings = services.Options.Value;
        var caller = http.Caller();
        if (!WaitQuery.TryRead(http.Request.Query, settings.Wait, settings.MaxWait, out var wait))
        {
            return ApiErrors.BadRequest(WaitQuery.Invalid);
        }

        if (!SessionIds.TryReadIdempotencyKey(http.Request.Headers, out var idempotencyKey))
        {
            return ApiErrors.BadRequest(SessionIds.InvalidIdempotencyKey);
        }

        var parsed = await SessionRequestParser.ReadAsync(http.Request, settings.MaxRequestBytes, caller.Name);
        if (parsed.Request is not { } request)
        {
            return parsed.Status switch
            {
                StatusCodes.Status400BadRequest => ApiErrors.BadRequest(parsed.Error!),
                StatusCodes.Status422UnprocessableEntity => ApiErrors.Unprocessable(parsed.Error!),
                _ => ApiErrors.Status(parsed.Status, parsed.Error!),
            };
        }

        if (!caller.MayUse(request.Connection))
        {
            return ApiErrors.BadRequest(ApiErrors.ConnectionNotFound(request.Connection));
        }

        var id = idempotencyKey is null ? SessionIds.New() : SessionIds.FromIdempotencyKey(caller.Name, idempotencyKey);
        var grain = services.Grains.GetGrain<ISessionGrain>(id);
        var session = await StartAsync(async () =>
        {
            if (idempotencyKey is null)
            {
                NewSessionHint.Mark();
            }

            try
            {
                return await grain.Run(request, wait);
            }
            finally
            {
                NewSessionHint.Clear();
            }
        });
        if (session is null)
        {
            return RunAnswer(new SessionRecord { Id = id, Request = request, Status = SessionStatus.Running, StartDate = DateTimeOffset.UtcNow });
        }

        if (session.Status is SessionStatus.Open or SessionStatus.Ready)
        {
            var url = $"{http.Request.Scheme}://{http.Request.Host}{Prefix}/{session.Id}";
            return JsonAnswer.Ok(RunResult.ReviewAccepted(session, url), ApiJsonContext.Default.RunResult);
        }

        return RunAnswer(await services.WaitUntilDoneAsync(grain, session, started, wait));
    }

    private static async Task<Results<JsonAnswer<RunResult>, BadRequest<ErrorBody>, NotFound<ErrorBody>>> ExecAsync(
        string id, HttpContext http, [AsParameters] SessionServices services)
    {
        var started = Stopwatch.GetTimestamp();
        var settings = services.Options.Value;
        if (!WaitQuery.TryRead(http.Request.Query, settings.Wait, settings.MaxWait, out var wait))
        {
            return ApiErrors.BadRequest(WaitQuery.Invalid);
        }

        if (await services.FindAsync(id, http) is not var (grain, approved))
        {
            return ApiErrors.NotFound();
        }

        var session = await StartAsync(async () =>
            await grain.Exec(http.Caller().Name, wait) ?? throw new InvalidOperationException($"session {id} vanished"));
        if (session is null)
        {
            return RunAnswer(approved with { Status = SessionStatus.Running });
        }

        return RunAnswer(await services.WaitUntilDoneAsync(grain, session, started, wait));
    }

    /// <summary>
    /// Makes the call that starts a run. Null when the call reached the cluster and its answer was
    /// lost (<see cref="ServiceFailures.MayHaveCompleted"/>): the run may be going, and a 503
    /// would invite a retry that runs the script twice, so the caller answers with the id to look
    /// at. Every other failure is <see cref="ApiExceptionHandler"/>'s.
    /// </summary>
    private static async Task<SessionRecord?> StartAsync(Func<Task<SessionRecord>> start)
    {
        try
        {
            return await start();
        }
        catch (Exception e) when (ServiceFailures.MayHaveCompleted(e))
        {
            return null;
        }
    }

    /// <summary>The answer to a run: <c>200</c> when it finished, else <c>202</c> with where to poll.</summary>
    private static JsonAnswer<RunResult> RunAnswer(SessionRecord session) => session.IsDone
        ? JsonAnswer.Ok(RunResult.Of(session), ApiJsonContext.Default.RunResult)
        : JsonAnswer.Accepted(RunResult.Of(session), ApiJsonContext.Default.RunResult, $"{Prefix}/{session.Id}");
}
