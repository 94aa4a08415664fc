using System.IO.Pipelines;
using System.Text.Json;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Sessions;

/// <summary>An answer whose body is a session written by <see cref="SessionJson"/> straight into the response.</summary>
public sealed class SessionJsonResult(int statusCode, SessionRecord session, SessionJsonResult.Writer write) : IResult, IStatusCodeHttpResult
{
    /// <summary>Writes <paramref name="record"/>, handing long output to <paramref name="body"/> piece by piece.</summary>
    public delegate ValueTask Writer(Utf8JsonWriter json, SessionRecord record, PipeWriter body, CancellationToken cancel);

    public int? StatusCode => statusCode;

    /// <summary>The answer to a run: 200 when it finished, else 202 with where to poll.</summary>
    public static SessionJsonResult ForRun(SessionRecord session) =>
        new(session.IsDone ? StatusCodes.Status200OK : StatusCodes.Status202Accepted, session, static (json, record, body, cancel) => SessionJson.WriteRunResultAsync(json, record, body: body, cancel: cancel));

    /// <summary>
    /// The answer to a run on a connection that needs a review: accepted (200, exit code 0,
    /// <c>success</c>), with the session's URL as the output and nothing run.
    /// </summary>
    public static SessionJsonResult ForReview(SessionRecord session, string url) =>
        new(StatusCodes.Status200OK, session, (json, record, _, _) =>
        {
            SessionJson.WriteReviewAccepted(json, record, url);
            return ValueTask.CompletedTask;
        });

    /// <summary>The whole session.</summary>
    public static SessionJsonResult ForRead(SessionRecord session) => new(StatusCodes.Status200OK, session, static (json, record, body, cancel) => SessionJson.WriteSessionAsync(json, record, body: body, cancel: cancel));

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
            await write(json, session, response.BodyWriter, httpContext.RequestAborted);
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
