using System.Diagnostics;
using HoopOrleans.Api.Auth;
using HoopOrleans.Api.Errors;
using HoopOrleans.Api.Json;
using HoopOrleans.Api.Security;
using HoopOrleans.Storage;
using HoopOrleans.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// <c>/api/sessions</c>, also served at <c>/sessions</c> (<see cref="SessionsAlias"/>): each request
/// becomes grain calls on the session's grain; the front end keeps no session state of its own. A
/// session the caller may not see answers exactly like one that does not exist. What a session's
/// grain refuses is answered by <see cref="ApiExceptionHandler"/>.
/// </summary>
internal static partial class SessionEndpoints
{
    public const string Prefix = "/api/sessions";

    public const string Tag = "Sessions";

    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder routes)
    {
        var sessions = routes.MapGroup(Prefix).RequireAuthorization().WithTags(Tag);
        sessions.MapPost("", RunAsync).RequireAuthorization(Roles.RunPolicy).RequireJsonBody()
            .Produces<RunResult>(StatusCodes.Status202Accepted)
            .WithName("RunScript").WithSummary("Runs a script on a connection and waits for its result");
        sessions.MapGet("", ListAsync)
            .WithName("ListSessions").WithSummary("Lists the sessions the caller may see, newest first");
        sessions.MapGet("{id}", GetAsync)
            .WithName("GetSession").WithSummary("Reads a session, waiting for it to finish when asked to");
        sessions.MapDelete("{id}", DeleteAsync).RequireAuthorization(Roles.RunPolicy)
            .WithName("DeleteSession").WithSummary("Deletes a finished session");
        sessions.MapPost("{id}/kill", KillAsync).RequireAuthorization(Roles.RunPolicy)
            .WithName("KillSession").WithSummary("Ends a session's run and its whole process tree");
        sessions.MapPut("{id}/review", ReviewAsync).RequireAuthorization(Roles.ReviewPolicy).RequireJsonBody()
            .WithName("ReviewSession").WithSummary("Approves or rejects a session that waits for a review");
        sessions.MapPost("{id}/exec", ExecAsync).RequireAuthorization(Roles.RunPolicy).WithMetadata(RemovedConnectionIsConflict.Instance)
            .Produces<RunResult>(StatusCodes.Status202Accepted)
            .WithName("ExecSession").WithSummary("Runs an approved session, once");
        return routes;
    }

    private static async Task<Results<JsonAnswer<SessionAnswer>, BadRequest<ErrorBody>, NotFound<ErrorBody>, UnprocessableEntity<ErrorBody>>> GetAsync(
        string id, HttpContext http, [AsParameters] SessionServices services)
    {
        var started = Stopwatch.GetTimestamp();
        var (wait, badWait) = WaitQuery.Read(http.Request.Query, TimeSpan.Zero, services.Options.Value.MaxWait);
        if (badWait is not null)
        {
            return ApiErrors.BadRequest(badWait.Message);
        }

        var (view, badView) = SessionView.Read(http.Request.Query);
        if (badView is not null)
        {
            return ApiErrors.Unprocessable(badView.Message);
        }

        var viewer = http.Caller().Actor;
        if (services.GrainOf(id) is not { } grain || await grain.Get(viewer, wait) is not { } session)
        {
            return ApiErrors.NotFound();
        }

        session = await services.WaitUntilDoneAsync(grain, viewer, session, started, wait);
        return JsonAnswer.Ok(SessionAnswer.Of(session, view), ApiJsonContext.Default.SessionAnswer);
    }

    private static async Task<Results<JsonAnswer<SessionListPage>, BadRequest<ErrorBody>, UnprocessableEntity<ErrorBody>>> ListAsync(
        HttpContext http, ISessionListing catalog, ApiKeyRegistry keys)
    {
        var (query, refusal) = SessionListQuery.Read(http.Request.Query, http.Caller(), keys.FindReviewer);
        if (refusal is not null)
        {
            return refusal.Status == StatusCodes.Status422UnprocessableEntity ? ApiErrors.Unprocessable(refusal.Message) : ApiErrors.BadRequest(refusal.Message);
        }

        var page = await catalog.ListAsync(query, http.RequestAborted);
        return JsonAnswer.Ok(SessionListPage.Of(page), ApiJsonContext.Default.SessionListPage);
    }

    private static async Task<Results<NoContent, NotFound<ErrorBody>>> KillAsync(string id, HttpContext http, [AsParameters] SessionServices services)
    {
        return services.GrainOf(id) is { } grain && await grain.Kill(http.Caller().Actor) is not null
            ? TypedResults.NoContent()
            : ApiErrors.NotFound();
    }

    private static async Task<Results<NoContent, NotFound<ErrorBody>>> DeleteAsync(string id, HttpContext http, [AsParameters] SessionServices services)
    {
        return services.GrainOf(id) is { } grain && await grain.Delete(http.Caller().Actor) is not null
            ? TypedResults.NoContent()
            : ApiErrors.NotFound();
    }

    private static async Task<Results<JsonAnswer<SessionAnswer>, BadRequest<ErrorBody>, NotFound<ErrorBody>>> ReviewAsync(
        string id, HttpContext http, [AsParameters] SessionServices services)
    {
        var (decision, refusal) = await ReviewRequest.ReadAsync(http.Request);
        if (refusal is not null)
        {
            return ApiErrors.BadRequest(refusal.Message);
        }

        var reviewed = services.GrainOf(id) is { } grain
            ? await grain.Review(http.Caller().Actor, decision.Status == SessionReview.Approved, decision.RejectionReason)
            : null;
        return reviewed is null ? ApiErrors.NotFound() : JsonAnswer.Ok(SessionAnswer.Of(reviewed), ApiJsonContext.Default.SessionAnswer);
    }
}
