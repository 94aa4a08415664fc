using System.Text.Json;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Sessions;

/// <summary>An answer whose body is a session written by <see cref="SessionJson"/> straight into the response.</summary>
public sealed class SessionJsonResult(int statusCode, SessionRecord session, Action<Utf8JsonWriter, SessionRecord> write) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => statusCode;

    /// <summary>The answer to a run: 200 when it finished, else 202 with where to poll.</summary>
    public static SessionJsonResult ForRun(SessionRecord session) =>
        new(session.IsDone ? StatusCodes.Status200OK : StatusCodes.Status202Accepted, session, static (json, record) => SessionJson.WriteRunResult(json, record));

    /// <summary>
    /// The answer to a run on a connection that needs a review: accepted (200, exit code 0,
    /// <c>success</c>), with the session's URL as the output and nothing run.
    /// </summary>
    public static SessionJsonResult ForReview(SessionRecord session, string url) =>
        new(StatusCodes.Status200OK, session, (json, record) => SessionJson.WriteReviewAccepted(json, record, url));

    /// <summary>The whole session.</summary>
    public static SessionJsonResult ForRead(SessionRecord session) => new(StatusCodes.Status200OK, session, static (json, record) => SessionJson.WriteSession(json, record));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        if (statusCode == StatusCodes.Status202Accepted)
        {
            response.Headers.Location = $"/api/sessions/{session.Id}";
        }

        await using (var json = new Utf8JsonWriter(response.BodyWriter, SessionJson.WriterOptions))
        {
            write(json, session);
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
