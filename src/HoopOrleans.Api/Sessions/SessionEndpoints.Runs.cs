using System.Diagnostics;
using System.Text.Json;
using HoopOrleans.Api.Auth;
using HoopOrleans.Api.Errors;
using HoopOrleans.Sessions;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Sessions;

// The handlers that start runs: POST /api/sessions and POST /api/sessions/{id}/exec. Once a run
// may have started, its caller is told the session's id, whatever fails afterwards.
public static partial class SessionEndpoints
{
    private static async Task<IResult> CreateAsync(HttpRequest request, IGrainFactory grains, IOptions<SessionApiOptions> options)
    {
        var started = Stopwatch.GetTimestamp();
        var settings = options.Value;
        var caller = request.HttpContext.Caller();
        if (!WaitQuery.TryRead(request.Query, settings.Wait, settings.MaxWait, out var wait))
        {
            return ApiErrors.BadRequest(WaitQuery.Invalid);
        }

        string? idempotencyKey = null;
        if (request.Headers.TryGetValue(SessionIds.IdempotencyKeyHeader, out var keys))
        {
            if (keys.Count != 1 || keys[0] is not { Length: > 0 and <= SessionIds.MaxIdempotencyKeyLength } key)
            {
                return ApiErrors.BadRequest($"{SessionIds.IdempotencyKeyHeader} must be one value of 1 to {SessionIds.MaxIdempotencyKeyLength} characters");
            }

            idempotencyKey = key;
        }

        var parsed = await ReadBodyAsync(request, settings.MaxRequestBytes, caller.Name);
        if (parsed.Request is not { } sessionRequest)
        {
            return ApiErrors.Status(parsed.Status, parsed.Error!);
        }

        if (!caller.MayUse(sessionRequest.Connection))
        {
            return ApiErrors.UnknownConnection(sessionRequest.Connection);
        }

        var id = idempotencyKey is null ? SessionIds.New() : SessionIds.FromIdempotencyKey(caller.Name, idempotencyKey);
        var grain = grains.GetGrain<ISessionGrain>(id);
        SessionRecord session;
        try
        {
            if (idempotencyKey is null)
            {
                NewSessionHint.Mark();
            }

            session = await grain.Run(sessionRequest, wait);
        }
        catch (UnknownConnectionException e)
        {
            return ApiErrors.UnknownConnection(e.Connection);
        }
        catch (IdempotencyConflictException e)
        {
            return ApiErrors.Status(StatusCodes.Status409Conflict, e.Message);
        }
        catch (CapacityExceededException e)
        {
            request.HttpContext.Response.Headers.RetryAfter = "1";
            return ApiErrors.Status(StatusCodes.Status429TooManyRequests, e.Message);
        }
        catch (Exception e) when (ServiceFailures.MayHaveCompleted(e))
        {
            // The call reached the cluster and its answer was lost: the run may be going. A 503
            // would invite a retry that runs the script twice; the id lets the client look.
            return SessionJsonResult.ForRun(new SessionRecord { Id = id, Request = sessionRequest, Status = SessionStatus.Running, StartDate = DateTimeOffset.UtcNow });
        }
        finally
        {
            NewSessionHint.Clear();
        }

        if (session.Status is SessionStatus.Open or SessionStatus.Ready)
        {
            return SessionJsonResult.ForReview(session, SessionUrl(request, session.Id));
        }

        session = await WaitUntilDoneAsync(request.HttpContext, grain, session, started, wait);
        return SessionJsonResult.ForRun(session);
    }

    private static async Task<IResult> ExecAsync(string id, HttpContext http, IGrainFactory grains, IOptions<SessionApiOptions> options)
    {
        var started = Stopwatch.GetTimestamp();
        var settings = options.Value;
        if (!WaitQuery.TryRead(http.Request.Query, settings.Wait, settings.MaxWait, out var wait))
        {
            return ApiErrors.BadRequest(WaitQuery.Invalid);
        }

        if (await FindAsync(id, http, grains) is not var (grain, approved))
        {
            return ApiErrors.NotFound();
        }

        try
        {
            var session = await grain.Exec(http.Caller().Name, wait) ?? throw new InvalidOperationException($"session {id} vanished");
            return SessionJsonResult.ForRun(await WaitUntilDoneAsync(http, grain, session, started, wait));
        }
        catch (SessionRuleException e)
        {
            return RuleRefused(e);
        }
        catch (UnknownConnectionException e)
        {
            return ApiErrors.Status(StatusCodes.Status409Conflict, $"connection {e.Connection} no longer exists");
        }
        catch (CapacityExceededException e)
        {
            http.Response.Headers.RetryAfter = "1";
            return ApiErrors.Status(StatusCodes.Status429TooManyRequests, e.Message);
        }
        catch (Exception e) when (ServiceFailures.MayHaveCompleted(e))
        {
            return SessionJsonResult.ForRun(approved with { Status = SessionStatus.Running });
        }
    }

    private static async Task<SessionRequestParser.Result> ReadBodyAsync(HttpRequest request, int maxBytes, string user)
    {
        var tooLarge = SessionRequestParser.Result.Fail(StatusCodes.Status413PayloadTooLarge, $"request body is larger than {maxBytes} bytes");
        if (request.ContentLength > maxBytes)
        {
            return tooLarge;
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            return SessionRequestParser.Parse(document.RootElement, user);
        }
        catch (JsonException)
        {
            return SessionRequestParser.Result.Fail(StatusCodes.Status400BadRequest, "request body is not valid JSON");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return tooLarge;
        }
    }

    /// <summary>
    /// Waits out what is left of the request's wait in grain calls of bounded length: one call never
    /// outlives the grain call timeout, however long the client is willing to wait. The run is
    /// going by now, so a call that fails ends the wait and the caller gets the id to poll. So does
    /// this node being asked to stop: it answers its waiting clients and lets them poll elsewhere.
    /// </summary>
    private static async Task<SessionRecord> WaitUntilDoneAsync(HttpContext http, ISessionGrain grain, SessionRecord session, long started, TimeSpan wait)
    {
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        while (session.Status == SessionStatus.Running && !stopping.IsCancellationRequested)
        {
            var remaining = wait - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            try
            {
                session = await grain.Get(remaining) ?? session;
            }
            catch (Exception e) when (ServiceFailures.IsUnavailable(e))
            {
                break;
            }
        }

        return session;
    }
}
