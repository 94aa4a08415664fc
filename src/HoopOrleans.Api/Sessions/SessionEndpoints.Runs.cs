using System.Diagnostics;
using HoopOrleans.Api.Auth;
using HoopOrleans.Api.Errors;
using HoopOrleans.Api.Json;
using HoopOrleans.Sessions;
using HoopOrleans.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HoopOrleans.Api.Sessions;

// The handlers that start runs: POST /api/sessions and POST /api/sessions/{id}/exec. Once a run
// may have started, its caller is told the session's id, whatever fails afterwards.
internal static partial class SessionEndpoints
{
    private static async Task<Results<JsonAnswer<RunResult>, BadRequest<ErrorBody>, UnprocessableEntity<ErrorBody>, JsonHttpResult<ErrorBody>>> RunAsync(
        HttpContext http, [AsParameters] SessionServices services)
    {
        var started = Stopwatch.GetTimestamp();
        var settings = services.Options.Value;
        var caller = http.Caller();
        var (wait, badWait) = WaitQuery.Read(http.Request.Query, settings.Wait, settings.MaxWait);
        var (idempotencyKey, badKey) = SessionIds.ReadIdempotencyKey(http.Request.Headers);
        if ((badWait ?? badKey) is { } badQuery)
        {
            return ApiErrors.BadRequest(badQuery.Message);
        }

        var (request, refusal) = await SessionRequestParser.ReadAsync(http.Request, settings.MaxRequestBytes, caller.Name);
        if (refusal is not null)
        {
            return refusal.Status switch
            {
                StatusCodes.Status400BadRequest => ApiErrors.BadRequest(refusal.Message),
                StatusCodes.Status422UnprocessableEntity => ApiErrors.Unprocessable(refusal.Message),
                _ => ApiErrors.Status(refusal.Status, refusal.Message),
            };
        }

        if (!caller.MayUse(request.Connection))
        {
            return ApiErrors.BadRequest(ApiErrors.ConnectionNotFound(request.Connection));
        }

        var id = idempotencyKey is null ? SessionIds.New() : SessionIds.FromIdempotencyKey(caller.Name, idempotencyKey);
        var grain = services.Grains.Of(id);
        var session = await SessionStarts.RunAsync(grain, request, wait, isNew: idempotencyKey is null, services.Bounds.RunsOf(caller), services.Connections);
        if (session is null)
        {
            return AnswerLost(id, request.Connection, hasReview: false);
        }

        if (session.Status is SessionStatus.Open or SessionStatus.Ready)
        {
            var url = $"{http.Request.Scheme}://{http.Request.Host}{Prefix}/{session.Id}";
            return JsonAnswer.Ok(RunResult.ReviewAccepted(session, url), ApiJsonContext.Default.RunResult);
        }

        return RunAnswer(await services.WaitUntilDoneAsync(grain, caller.Actor, session, started, wait));
    }

    private static async Task<Results<JsonAnswer<RunResult>, BadRequest<ErrorBody>, NotFound<ErrorBody>>> ExecAsync(
        string id, HttpContext http, [AsParameters] SessionServices services)
    {
        var started = Stopwatch.GetTimestamp();
        var settings = services.Options.Value;
        var (wait, badWait) = WaitQuery.Read(http.Request.Query, settings.Wait, settings.MaxWait);
        if (badWait is not null)
        {
            return ApiErrors.BadRequest(badWait.Message);
        }

        if (services.GrainOf(id) is not { } grain)
        {
            return ApiErrors.NotFound();
        }

        var caller = http.Caller();
        var requester = caller.Actor;
        var (session, lost) = await SessionStarts.ExecAsync(grain, requester, wait, services.Bounds.RunsOf(caller));
        if (lost)
        {
            return AnswerLost(grain.GetPrimaryKeyString(), connection: null, hasReview: true);
        }

        return session is null ? ApiErrors.NotFound() : RunAnswer(await services.WaitUntilDoneAsync(grain, requester, session, started, wait));
    }

    /// <summary>A run whose start may have happened but whose answer was lost: <c>202</c> with the id to poll.</summary>
    private static JsonAnswer<RunResult> AnswerLost(string id, string? connection, bool hasReview)
    {
        HoopMetrics.RunAccepted(connection);
        return JsonAnswer.Accepted(RunResult.Running(id, hasReview), ApiJsonContext.Default.RunResult, $"{Prefix}/{id}");
    }

    /// <summary>The answer to a run: <c>200</c> when it finished, else <c>202</c> with where to poll.</summary>
    private static JsonAnswer<RunResult> RunAnswer(SessionRecord session)
    {
        if (session.IsDone)
        {
            return JsonAnswer.Ok(RunResult.Of(session), ApiJsonContext.Default.RunResult);
        }

        HoopMetrics.RunAccepted(session.Request.Connection);
        return JsonAnswer.Accepted(RunResult.Of(session), ApiJsonContext.Default.RunResult, $"{Prefix}/{session.Id}");
    }
}
