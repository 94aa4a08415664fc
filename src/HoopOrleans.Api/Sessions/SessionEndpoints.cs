using System.Diagnostics;
using System.Text.Json;
using HoopOrleans.Api.Errors;
using HoopOrleans.Catalog;
using HoopOrleans.Sessions;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// <c>/api/sessions</c>, also served at <c>/sessions</c>: each request becomes grain calls on the
/// session's grain; the front end keeps no session state of its own.
/// </summary>
public static class SessionEndpoints
{
    /// <summary>Who made a session when no caller identity is configured.</summary>
    public const string AnonymousUser = "anonymous";

    private static readonly string[] Prefixes = ["/api/sessions", "/sessions"];

    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder routes)
    {
        foreach (var prefix in Prefixes)
        {
            var sessions = routes.MapGroup(prefix);
            sessions.MapPost("", CreateAsync);
            sessions.MapGet("", ListAsync);
            sessions.MapGet("{id}", GetAsync);
            sessions.MapPost("{id}/kill", KillAsync);
            sessions.MapGet("{id}/stream", SessionStreams.EventsAsync);
            sessions.MapGet("{id}/result/stream", SessionStreams.TextAsync);
        }

        return routes;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IGrainFactory grains, IOptions<SessionApiOptions> options)
    {
        var started = Stopwatch.GetTimestamp();
        var settings = options.Value;
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

        var parsed = await ReadBodyAsync(request, settings.MaxRequestBytes);
        if (parsed.Request is not { } sessionRequest)
        {
            return ApiErrors.Status(parsed.Status, parsed.Error!);
        }

        var id = idempotencyKey is null ? SessionIds.New() : SessionIds.FromIdempotencyKey(sessionRequest.User, idempotencyKey);
        var grain = grains.GetGrain<ISessionGrain>(id);
        SessionRecord session;
        try
        {
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

        session = await WaitUntilDoneAsync(grain, session, started, wait);
        return SessionJsonResult.ForRun(session);
    }

    private static async Task<IResult> GetAsync(string id, HttpRequest request, IGrainFactory grains, IOptions<SessionApiOptions> options)
    {
        var started = Stopwatch.GetTimestamp();
        if (!TryParseId(id, out var sessionId))
        {
            return ApiErrors.NotFound();
        }

        if (!WaitQuery.TryRead(request.Query, TimeSpan.Zero, options.Value.MaxWait, out var wait))
        {
            return ApiErrors.BadRequest(WaitQuery.Invalid);
        }

        var grain = grains.GetGrain<ISessionGrain>(sessionId);
        if (await grain.Get(wait) is not { } session)
        {
            return ApiErrors.NotFound();
        }

        session = await WaitUntilDoneAsync(grain, session, started, wait);
        return SessionJsonResult.ForRead(session);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, ISessionCatalog catalog)
    {
        var (query, status, error) = SessionListQuery.Read(request.Query);
        if (query is null)
        {
            return ApiErrors.Status(status, error!);
        }

        return new SessionPageResult(await catalog.ListAsync(query, request.HttpContext.RequestAborted));
    }

    private static async Task<IResult> KillAsync(string id, IGrainFactory grains)
    {
        if (!TryParseId(id, out var sessionId))
        {
            return ApiErrors.NotFound();
        }

        var killed = await grains.GetGrain<ISessionGrain>(sessionId).Kill();
        return killed is null ? ApiErrors.NotFound() : TypedResults.NoContent();
    }

    /// <summary>Session ids are UUIDs; any spelling of one names the same session.</summary>
    public static bool TryParseId(string id, out string sessionId)
    {
        var valid = Guid.TryParseExact(id, "D", out var guid);
        sessionId = valid ? guid.ToString() : "";
        return valid;
    }

    private static async Task<SessionRequestParser.Result> ReadBodyAsync(HttpRequest request, int maxBytes)
    {
        var tooLarge = SessionRequestParser.Result.Fail(StatusCodes.Status413PayloadTooLarge, $"request body is larger than {maxBytes} bytes");
        if (request.ContentLength > maxBytes)
        {
            return tooLarge;
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            return SessionRequestParser.Parse(document.RootElement, AnonymousUser);
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
    /// outlives the grain call timeout, however long the client is willing to wait.
    /// </summary>
    private static async Task<SessionRecord> WaitUntilDoneAsync(ISessionGrain grain, SessionRecord session, long started, TimeSpan wait)
    {
        while (!session.IsDone)
        {
            var remaining = wait - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            session = await grain.Get(remaining) ?? session;
        }

        return session;
    }
}
