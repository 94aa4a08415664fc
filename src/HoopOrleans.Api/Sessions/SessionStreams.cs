using HoopOrleans.Api.Auth;
using HoopOrleans.Api.Errors;
using HoopOrleans.Api.OpenApi;
using HoopOrleans.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// A session's live output: <c>/stream</c> as Server-Sent Events, <c>/result/stream</c> as plain
/// text, under <c>/api/sessions/{id}</c>. Both are <see cref="OutputStream"/>s.
/// </summary>
internal static class SessionStreams
{
    public const string LastEventIdHeader = "Last-Event-ID";

    public static IEndpointRouteBuilder MapSessionStreams(this IEndpointRouteBuilder routes)
    {
        var output = routes.MapGroup($"{SessionEndpoints.Prefix}/{{id}}").RequireAuthorization().WithTags(SessionEndpoints.Tag)
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable)
            .WithPathParameter("id", "The session's id, as its run's answer gave it.");
        output.MapGet("stream", EventsAsync)
            .WithHeaderParameter(LastEventIdHeader, JsonSchemaType.Integer, "Resume after this byte offset: the `id` of the last event received.")
            .WithName("StreamSessionEvents").WithSummary("Streams a session's output as Server-Sent Events, resumable with Last-Event-ID");
        output.MapGet("result/stream", TextAsync)
            .WithName("StreamSessionText").WithSummary("Streams a session's output as plain text");
        return routes;
    }

    /// <summary>
    /// <c>event: output</c> events of <c>{"output": "…"}</c> whose id is the byte offset just past
    /// them; a client that reconnects with that id in <c>Last-Event-ID</c> gets exactly the rest.
    /// The last event is <c>event: result</c> with the run's result fields (all but the output, which the stream carried).
    /// </summary>
    private static async Task<Results<OutputEventStream, BadRequest<ErrorBody>, NotFound<ErrorBody>>> EventsAsync(
        string id, HttpContext http, [AsParameters] SessionServices services)
    {
        var (offset, refusal) = ReadLastEventId(http.Request.Headers);
        if (refusal is not null)
        {
            return ApiErrors.BadRequest(refusal.Message);
        }

        return await OpenAsync(id, offset, http, services) is var (grain, first, lease)
            ? new OutputEventStream(grain, http.Caller().Actor, first, offset, services.Lifetime.ApplicationStopping) { Lease = lease }
            : ApiErrors.NotFound();
    }

    /// <summary>Where a resumed stream goes on: the byte offset a client got as its last event's id, or 0.</summary>
    private static Parsed<long> ReadLastEventId(IHeaderDictionary headers) =>
        headers[LastEventIdHeader] is not { Count: > 0 } lastEventId ? 0L
        : long.TryParse(lastEventId.ToString(), out var offset) && offset >= 0 ? offset
        : Refusal.BadRequest($"{LastEventIdHeader} must be a byte offset from an earlier event");

    /// <summary>The output as <c>text/plain</c>, written as it is produced, ending when the run does.</summary>
    private static async Task<Results<OutputTextStream, NotFound<ErrorBody>>> TextAsync(string id, HttpContext http, [AsParameters] SessionServices services) =>
        await OpenAsync(id, 0, http, services) is var (grain, first, lease)
            ? new OutputTextStream(grain, http.Caller().Actor, first, 0, services.Lifetime.ApplicationStopping) { Lease = lease }
            : ApiErrors.NotFound();

    /// <summary>
    /// The session's grain, the first piece of its output from <paramref name="offset"/> and the
    /// stream's place among the caller's, when the caller may see it and has a stream to spare.
    /// </summary>
    private static async Task<(ISessionGrain Grain, OutputChunk First, IDisposable Lease)?> OpenAsync(string id, long offset, HttpContext http, SessionServices services)
    {
        // Counted before anything is read; given back when the stream ends, or with the request.
        var caller = http.Caller();
        var lease = services.Streams.Open(http, caller.Name, services.Bounds.StreamsOf(caller));
        return services.GrainOf(id) is { } grain && await grain.ReadOutput(caller.Actor, offset, OutputStream.PieceBytes, TimeSpan.Zero) is { } first
            ? (grain, first, lease)
            : null;
    }

    /// <summary>How many leading bytes end on a whole UTF-8 sequence (invalid bytes count as whole).</summary>
    internal static int CompleteUtf8Length(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) != 0x80)
            {
                // A lead byte: how long is its sequence, and is all of it here?
                var needed = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
                return needed > back ? bytes.Length - back : bytes.Length;
            }
        }

        return bytes.Length;
    }
}
