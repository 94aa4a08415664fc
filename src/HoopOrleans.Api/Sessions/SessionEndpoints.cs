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
public static partial class SessionEndpoints
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
            sessions.MapDelete("{id}", DeleteAsync).RequireAuthorization(Roles.RunPolicy);
            sessions.MapPost("{id}/kill", KillAsync).RequireAuthorization(Roles.RunPolicy);
            sessions.MapPut("{id}/review", ReviewAsync).RequireAuthorization(Roles.ReviewPolicy).RequireJsonBody();
            sessions.MapPost("{id}/exec", ExecAsync).RequireAuthorization(Roles.RunPolicy);
            sessions.MapGet("{id}/stream", SessionStreams.EventsAsync);
            sessions.MapGet("{id}/result/stream", SessionStreams.TextAsync);
        }

        return routes;
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

        session = await WaitUntilDoneAsync(http, grain, session, started, wait);
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

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, IGrainFactory grains)
    {
        if (await FindAsync(id, http, grains) is not var (grain, _))
        {
            return ApiErrors.NotFound();
        }

        var caller = http.Caller();
        try
        {
            return await grain.Delete(new SessionActor(caller.Name, caller.Is(Roles.Admin))) is null ? ApiErrors.NotFound() : TypedResults.NoContent();
        }
        catch (SessionRuleException e)
        {
            return RuleRefused(e);
        }
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
}
