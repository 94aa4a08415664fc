using System.Diagnostics;
using System.Text.Json;
using HoopOrleans.Api.Errors;
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
            sessions.MapGet("{id}", GetAsync);
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

        var parsed = await ReadBodyAsync(request, settings.MaxRequestBytes);
        if (parsed.Request is not { } sessionRequest)
        {
            return ApiErrors.Status(parsed.Status, parsed.Error!);
        }

        var grain = grains.GetGrain<ISessionGrain>(Guid.NewGuid().ToString());
        SessionRecord session;
        try
        {
            session = await grain.Run(sessionRequest, wait);
        }
        catch (UnknownConnectionException e)
        {
            return ApiErrors.UnknownConnection(e.Connection);
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
        if (!Guid.TryParseExact(id, "D", out var guid))
        {
            return ApiErrors.NotFound();
        }

        if (!WaitQuery.TryRead(request.Query, TimeSpan.Zero, options.Value.MaxWait, out var wait))
        {
            return ApiErrors.BadRequest(WaitQuery.Invalid);
        }

        var grain = grains.GetGrain<ISessionGrain>(guid.ToString());
        if (await grain.Get(wait) is not { } session)
        {
            return ApiErrors.NotFound();
        }

        session = await WaitUntilDoneAsync(grain, session, started, wait);
        return SessionJsonResult.ForRead(session);
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
