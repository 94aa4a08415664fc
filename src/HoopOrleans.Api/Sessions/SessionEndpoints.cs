using System.Diagnostics;
using System.Text.Json;
using HoopOrleans.Api.Auth;
using HoopOrleans.Api.Errors;
using HoopOrleans.Api.Security;
using HoopOrleans.Catalog;
using HoopOrleans.Sessions;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// <c>/api/sessions</c>, also served at <c>/sessions</c>: each request becomes grain calls on the
/// session's grain; the front end keeps no session state of its own. A session the caller may not
/// see answers exactly like one that does not exist.
/// </summary>
public static class SessionEndpoints
{
    private static readonly string[] Prefixes = ["/api/sessions", "/sessions"];

    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder routes)
    {
        foreach (var prefix in Prefixes)
        {
            var sessions = routes.MapGroup(prefix).RequireAuthorization();
            sessions.MapPost("", CreateAsync).RequireAuthorization(Roles.RunPolicy).RequireJsonBody();
            sessions.MapGet("", ListAsync);
            sessions.MapGet("{id}", GetAsync);
            sessions.MapPost("{id}/kill", KillAsync).RequireAuthorization(Roles.RunPolicy);
            sessions.MapPut("{id}/review", ReviewAsync).RequireAuthorization(Roles.ReviewPolicy).RequireJsonBody();
            sessions.MapPost("{id}/exec", ExecAsync).RequireAuthorization(Roles.RunPolicy);
            sessions.MapGet("{id}/stream", SessionStreams.EventsAsync);
            sessions.MapGet("{id}/result/stream", SessionStreams.TextAsync);
        }

        return routes;
    }

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
        finally
        {
            NewSessionHint.Clear();
        }

        if (session.Status is SessionStatus.Open or SessionStatus.Ready)
        {
            return SessionJsonResult.ForReview(session, SessionUrl(request, session.Id));
        }

        session = await WaitUntilDoneAsync(grain, session, started, wait);
        return SessionJsonResult.ForRun(session);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, IGrainFactory grains, IOptions<SessionApiOptions> options)
    {
        var started = Stopwatch.GetTimestamp();
        if (!WaitQuery.TryRead(http.Request.Query, TimeSpan.Zero, options.Value.MaxWait, out var wait))
        {
            return ApiErrors.BadRequest(WaitQuery.Invalid);
        }

        if (await FindAsync(id, http, grains) is not var (grain, session))
        {
            return ApiErrors.NotFound();
        }

        session = await WaitUntilDoneAsync(grain, session, started, wait);
        return SessionJsonResult.ForRead(session);
    }

    private static async Task<IResult> ListAsync(HttpContext http, ISessionCatalog catalog)
    {
        var (query, status, error) = SessionListQuery.Read(http.Request.Query);
        if (query is null)
        {
            return ApiErrors.Status(status, error!);
        }

        var caller = http.Caller();
        if (!caller.SeesAll)
        {
            query = query with { User = caller.Name };
        }

        return new SessionPageResult(await catalog.ListAsync(query, http.RequestAborted));
    }

    private static async Task<IResult> KillAsync(string id, HttpContext http, IGrainFactory grains)
    {
        if (await FindAsync(id, http, grains) is not var (grain, _))
        {
            return ApiErrors.NotFound();
        }

        var caller = http.Caller();
        try
        {
            await grain.Kill(new SessionActor(caller.Name, caller.Is(Roles.Admin)));
        }
        catch (SessionRuleException e)
        {
            return RuleRefused(e);
        }

        return TypedResults.NoContent();
    }

    private static async Task<IResult> ReviewAsync(string id, HttpContext http, IGrainFactory grains)
    {
        ReviewRequest? decision;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, default, http.RequestAborted);
            if (JsonInputRules.Violation(document.RootElement) is { } violation)
            {
                return ApiErrors.BadRequest(violation);
            }

            decision = document.RootElement.Deserialize(ReviewJsonContext.Default.ReviewRequest);
        }
        catch (JsonException)
        {
            return ApiErrors.BadRequest("request body is not valid JSON");
        }

        if (decision?.Status is not (SessionReview.Approved or SessionReview.Rejected))
        {
            return ApiErrors.BadRequest($"status must be {SessionReview.Approved} or {SessionReview.Rejected}");
        }

        if (await FindAsync(id, http, grains) is not var (grain, _))
        {
            return ApiErrors.NotFound();
        }

        try
        {
            var reviewed = await grain.Review(http.Caller().Name, decision.Status == SessionReview.Approved, decision.RejectionReason);
            return reviewed is null ? ApiErrors.NotFound() : SessionJsonResult.ForRead(reviewed);
        }
        catch (SessionRuleException e)
        {
            return RuleRefused(e);
        }
    }

    private static async Task<IResult> ExecAsync(string id, HttpContext http, IGrainFactory grains, IOptions<SessionApiOptions> options)
    {
        var started = Stopwatch.GetTimestamp();
        var settings = options.Value;
        if (!WaitQuery.TryRead(http.Request.Query, settings.Wait, settings.MaxWait, out var wait))
        {
            return ApiErrors.BadRequest(WaitQuery.Invalid);
        }

        if (await FindAsync(id, http, grains) is not var (grain, _))
        {
            return ApiErrors.NotFound();
        }

        try
        {
            var session = await grain.Exec(http.Caller().Name, wait) ?? throw new InvalidOperationException($"session {id} vanished");
            return SessionJsonResult.ForRun(await WaitUntilDoneAsync(grain, session, started, wait));
        }
        catch (SessionRuleException e)
        {
            return RuleRefused(e);
        }
        catch (CapacityExceededException e)
        {
            http.Response.Headers.RetryAfter = "1";
            return ApiErrors.Status(StatusCodes.Status429TooManyRequests, e.Message);
        }
    }

    /// <summary>The session's grain and its current state, when the id is a session this caller may see.</summary>
    internal static async Task<(ISessionGrain Grain, SessionRecord Session)?> FindAsync(string id, HttpContext http, IGrainFactory grains)
    {
        if (!TryParseId(id, out var sessionId))
        {
            return null;
        }

        var grain = grains.GetGrain<ISessionGrain>(sessionId);
        return await grain.Get(TimeSpan.Zero) is { } session && http.Caller().MaySee(session) ? (grain, session) : null;
    }

    /// <summary>Session ids are UUIDs; any spelling of one names the same session.</summary>
    public static bool TryParseId(string id, out string sessionId)
    {
        var valid = Guid.TryParseExact(id, "D", out var guid);
        sessionId = valid ? guid.ToString() : "";
        return valid;
    }

    private static string SessionUrl(HttpRequest request, string id) => $"{request.Scheme}://{request.Host}/api/sessions/{id}";

    private static IResult RuleRefused(SessionRuleException e) =>
        ApiErrors.Status(e.Rule == SessionRule.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict, e.Message);

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
    /// outlives the grain call timeout, however long the client is willing to wait.
    /// </summary>
    private static async Task<SessionRecord> WaitUntilDoneAsync(ISessionGrain grain, SessionRecord session, long started, TimeSpan wait)
    {
        while (session.Status == SessionStatus.Running)
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
