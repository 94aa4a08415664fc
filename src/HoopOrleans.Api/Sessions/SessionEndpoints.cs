using System.Diagnostics;
using HoopOrleans.Api.Auth;
using HoopOrleans.Api.Errors;
using HoopOrleans.Api.Json;
using HoopOrleans.Api.OpenApi;
using HoopOrleans.Api.Security;
using HoopOrleans.Storage;
using HoopOrleans.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

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

    private const string JsonContentType = "application/json";

    private const string RunWait = "Seconds to wait for the run to finish before answering 202 (`Sessions:Wait` when absent, at most `Sessions:MaxWait`); fractions allowed.";

    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder routes)
    {
        // Every route here may meet the request guard (400 for a Host it does not answer to, 403 for
        // a foreign Origin), a missing key (401) and a cluster or store that cannot be reached (503).
        var sessions = routes.MapGroup(Prefix).RequireAuthorization().WithTags(Tag)
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status503ServiceUnavailable)
            .WithPathParameter("id", "The session's id, as its run's answer gave it.");
        sessions.MapPost("", RunAsync).RequireAuthorization(Roles.RunPolicy).RequireJsonBody()
            .Accepts<SessionRequestBody>(JsonContentType)
            .Produces<RunResult>(StatusCodes.Status202Accepted)
            .ProducesErrors(StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status429TooManyRequests)
            .WithQueryParameter(WaitQuery.Name, JsonSchemaType.Number, RunWait)
            .WithHeaderParameter(SessionIds.IdempotencyKeyHeader, JsonSchemaType.String,
                $"1 to {SessionIds.MaxIdempotencyKeyLength} characters. Every request with the same key (and the same caller) reaches the same session, "
                + "whose script runs at most once; a repeat with the same body gets that session's answer, one with another body a 409.")
            .WithName("RunScript").WithSummary("Runs a script on a connection and waits for its result");
        sessions.MapGet("", ListAsync)
            .WithListFilters()
            .WithName("ListSessions").WithSummary("Lists the sessions the caller may see, newest first");
        sessions.MapGet("{id}", GetAsync)
            .WithQueryParameter(WaitQuery.Name, JsonSchemaType.Number, "Seconds to hold the answer until the session is done (a long poll), at most `Sessions:MaxWait`.")
            .WithQueryParameter("expand", JsonSchemaType.String, "hoop's `expand`: `event_stream` adds the output as `event_stream` and, unless `session_input` is named too, leaves the script's text out.")
            .WithQueryParameter("event_stream", JsonSchemaType.String, "The format of `event_stream`: hoop's raw events without one.", values: ["utf8", "base64", "raw-queries"])
            .WithName("GetSession").WithSummary("Reads a session, waiting for it to finish when asked to");
        sessions.MapDelete("{id}", DeleteAsync).RequireAuthorization(Roles.RunPolicy)
            .ProducesErrors(StatusCodes.Status409Conflict)
            .WithName("DeleteSession").WithSummary("Deletes a finished session");
        sessions.MapPost("{id}/kill", KillAsync).RequireAuthorization(Roles.RunPolicy)
            .WithName("KillSession").WithSummary("Ends a session's run and its whole process tree");
        sessions.MapPut("{id}/review", ReviewAsync).RequireAuthorization(Roles.ReviewPolicy).RequireJsonBody()
            .Accepts<ReviewRequest>(JsonContentType)
            .ProducesErrors(StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .WithName("ReviewSession").WithSummary("Approves or rejects a session that waits for a review");
        sessions.MapPost("{id}/exec", ExecAsync).RequireAuthorization(Roles.RunPolicy).WithMetadata(RemovedConnectionIsConflict.Instance)
            .Produces<RunResult>(StatusCodes.Status202Accepted)
            .ProducesErrors(StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests)
            .WithQueryParameter(WaitQuery.Name, JsonSchemaType.Number, RunWait)
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

    /// <summary>The listing's filters, which <see cref="SessionListQuery"/> reads; values match without regard to case.</summary>
    private static RouteHandlerBuilder WithListFilters(this RouteHandlerBuilder list) => list
        .WithQueryParameter("user", JsonSchemaType.String, "Sessions made by this key (its name).")
        .WithQueryParameter("connection", JsonSchemaType.String, "Sessions on this connection.")
        .WithQueryParameter("type", JsonSchemaType.String, "Sessions on connections of this type (`Connections:<name>:Type`, default `custom`).")
        .WithQueryParameter("status", JsonSchemaType.String, "Sessions in this state.", values: ["open", "ready", "running", "done"])
        .WithQueryParameter("review.status", JsonSchemaType.String, "Sessions whose review is in this state (`PENDING`, `APPROVED`, `REJECTED`); present and empty: sessions without a review.")
        .WithQueryParameter("review.approver", JsonSchemaType.String, "Sessions with a review this key (its name) may give.")
        .WithQueryParameter("start_date", JsonSchemaType.String, "Sessions started at or after this RFC 3339 time.", format: "date-time")
        .WithQueryParameter("end_date", JsonSchemaType.String, "Sessions started before this RFC 3339 time.", format: "date-time")
        .WithQueryParameter("limit", JsonSchemaType.Integer, $"Page size, {SessionListQuery.DefaultLimit} when absent; above {SessionListQuery.MaxLimit} is read as {SessionListQuery.MaxLimit}.")
        .WithQueryParameter("offset", JsonSchemaType.Integer, $"Sessions to skip, 0 to {SessionListQuery.MaxOffset}.")
        .WithQueryParameter("count", JsonSchemaType.String, "How `total` is counted: up to 10,000 (`capped`, the default), `exact`, or not at all (`none`, `total` is null).", values: ["capped", "exact", "none"]);

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
            ? await SessionStarts.ReviewAsync(grain, http.Caller().Actor, decision.Status == SessionReview.Approved, decision.RejectionReason)
            : null;
        return reviewed is null ? ApiErrors.NotFound() : JsonAnswer.Ok(SessionAnswer.Of(reviewed), ApiJsonContext.Default.SessionAnswer);
    }
}
