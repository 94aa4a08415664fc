using System.Buffers;
using System.Text;
using System.Text.Json;
using HoopOrleans.Api.Errors;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// Live output: <c>/stream</c> as Server-Sent Events, <c>/result/stream</c> as plain text. Both
/// read the output from the session grain piece by piece and ask for the next piece only once the
/// previous one is written to the client, so a slow reader slows its own stream and nothing else.
/// </summary>
public static class SessionStreams
{
    private const int PieceBytes = 64 * 1024;

    /// <summary>How long a stream stays silent before a keep-alive, so proxies do not drop it.</summary>
    private static readonly TimeSpan KeepAlive = SessionLimits.MaxCallWait;

    /// <summary>
    /// <c>event: output</c> events of <c>{"output": "…"}</c> whose id is the byte offset just past
    /// them; a client that reconnects with that id in <c>Last-Event-ID</c> gets exactly the rest.
    /// The last event is <c>event: result</c> with the run's result fields (all but the output, which the stream carried).
    /// </summary>
    public static async Task EventsAsync(string id, HttpContext http, IGrainFactory grains)
    {
        var offset = 0L;
        if (http.Request.Headers["Last-Event-ID"] is { Count: > 0 } lastEventId
            && (!long.TryParse(lastEventId.ToString(), out offset) || offset < 0))
        {
            await ApiErrors.WriteAsync(http, StatusCodes.Status400BadRequest, "Last-Event-ID must be a byte offset from an earlier event");
            return;
        }

        await StreamAsync(id, http, grains, offset, "text/event-stream", async (response, bytes, end, final, cancel) =>
        {
            var buffer = new ArrayBufferWriter<byte>(bytes.Length + 64);
            if (bytes.Length > 0)
            {
                Write(buffer, $"id: {end}\nevent: output\ndata: ");
                using (var json = new Utf8JsonWriter(buffer, SessionJson.WriterOptions))
                {
                    json.WriteStartObject();
                    json.WriteString("output", Encoding.UTF8.GetString(bytes.Span));
                    json.WriteEndObject();
                }

                Write(buffer, "\n\n");
            }
            else if (final is null)
            {
                Write(buffer, ": keep-alive\n\n");
            }

            if (final is not null)
            {
                Write(buffer, $"id: {end}\nevent: result\ndata: ");
                using (var json = new Utf8JsonWriter(buffer, SessionJson.WriterOptions))
                {
                    await SessionJson.WriteRunResultAsync(json, final, withOutput: false);
                }

                Write(buffer, "\n\n");
            }

            await response.Body.WriteAsync(buffer.WrittenMemory, cancel);
        });
    }

    /// <summary>The output as <c>text/plain</c>, written as it is produced, ending when the run does.</summary>
    public static Task TextAsync(string id, HttpContext http, IGrainFactory grains) =>
        StreamAsync(id, http, grains, 0, "text/plain; charset=utf-8", async (response, bytes, _, _, cancel) =>
            await response.Body.WriteAsync(bytes, cancel));

    /// <summary>Writes <paramref name="bytes"/>, which end at byte <paramref name="end"/> of the output; <paramref name="final"/> once the run is over.</summary>
    private delegate Task PieceWriter(HttpResponse response, ReadOnlyMemory<byte> bytes, long end, SessionRecord? final, CancellationToken cancel);

    private static async Task StreamAsync(string id, HttpContext http, IGrainFactory grains, long offset, string contentType, PieceWriter write)
    {
        if (await SessionEndpoints.FindAsync(id, http, grains) is not var (grain, session))
        {
            await ApiErrors.WriteAsync(http, StatusCodes.Status404NotFound, "not found");
            return;
        }

        var sessionId = session.Id;
        var piece = await grain.ReadOutput(offset, PieceBytes, TimeSpan.Zero);
        if (piece is null)
        {
            await ApiErrors.WriteAsync(http, StatusCodes.Status404NotFound, "not found");
            return;
        }

        var response = http.Response;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var cancel = http.RequestAborted;
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        try
        {
            // Bytes read but not yet sent: the start of a multi-byte character whose rest has not come yet.
            byte[] pending = [];
            var sent = offset;
            while (true)
            {
                var bytes = pending.Length == 0 ? piece.Bytes : [.. pending, .. piece.Bytes];
                var complete = piece.Finished is null ? CompleteUtf8Length(bytes) : bytes.Length;
                if (complete > 0 || piece.Bytes.Length == 0)
                {
                    sent += complete;
                    await write(response, bytes.AsMemory(0, complete), sent, piece.Finished, cancel);
                    await response.Body.FlushAsync(cancel);
                }

                if (piece.Finished is not null || stopping.IsCancellationRequested)
                {
                    // Done; or this node is stopping: the stream ends cleanly where it is, and the
                    // client resumes on another node (with Last-Event-ID for events).
                    return;
                }

                pending = bytes[complete..];
                var next = piece.Offset + piece.Bytes.Length;
                piece = await grain.ReadOutput(next, PieceBytes, KeepAlive)
                    ?? throw new InvalidOperationException($"session {sessionId} disappeared while streaming");
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client went away; the run goes on.
        }
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

    private static void Write(ArrayBufferWriter<byte> buffer, string text) => Encoding.UTF8.GetBytes(text, buffer);
}
