using System.Net;
using System.Text.Json;
using CsCheck;

namespace HoopOrleans.Testing.Faults;

/// <summary>
/// Generated malformed requests aimed at each route of one front end, and the check each answer
/// must pass: a 4xx with a JSON <c>{"message": …}</c> or a correct success, never a 5xx or a hang.
/// Shared by <c>HostileInputTests</c> (an in-process host) and the fault suite (a service
/// process of its own, so a crash shows too).
/// </summary>
public sealed class HostileRoutes(HttpClient client, IReadOnlyList<string> sessions)
{
    /// <summary><c>Sessions:MaxRequestBytes</c>' default.</summary>
    private const int MaxRequestBytes = 1024 * 1024;

    private int _sent;

    /// <summary>Every route of the API.</summary>
    public static readonly string[] All =
    [
        "POST /api/sessions", "GET /api/sessions", "GET /api/sessions/{id}", "DELETE /api/sessions/{id}",
        "POST /api/sessions/{id}/kill", "PUT /api/sessions/{id}/review", "POST /api/sessions/{id}/exec",
        "GET /api/sessions/{id}/stream", "GET /api/sessions/{id}/result/stream", "GET /health",
    ];

    /// <summary>The connections the generated bodies name: one that runs nothing, one that needs a review.</summary>
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Connections:noop:Command:0"] = "true",
        ["Connections:gated:Command:0"] = "true",
        ["Connections:gated:Review"] = "true",
    };

    /// <summary>How many generated requests were sent so far.</summary>
    public int Sent => _sent;

    /// <summary>Makes the sessions requests aim at: a finished one and one waiting for review.</summary>
    public static async Task<List<string>> MakeTargetsAsync(HttpClient client)
    {
        var ids = new List<string>();
        foreach (var connection in new[] { "noop", "gated" })
        {
            using var response = await client.PostAsync("/api/sessions", new StringContent(JsonSerializer.Serialize(new { connection, script = "echo hi" }), System.Text.Encoding.UTF8, "application/json"));
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            ids.Add(body.RootElement.GetProperty("session_id").GetString()!);
        }

        return ids;
    }

    /// <summary>Sends <paramref name="count"/> generated requests to <paramref name="route"/>, four at a time; throws on the first wrong answer.</summary>
    public Task SendAsync(string route, int count) => RequestsFor(route).SampleAsync(SendAndCheckAsync, iter: count, threads: 4);

    private Gen<HostileRequests.Request> RequestsFor(string route)
    {
        var parts = route.Split(' ');
        var method = new HttpMethod(parts[0]);
        var template = parts[1];
        var body = template switch
        {
            "/api/sessions" when method == HttpMethod.Post => HostileRequests.SessionBody.Select(b => (byte[]?)b),
            "/api/sessions/{id}/review" => HostileRequests.ReviewBody.Select(b => (byte[]?)b),
            _ => Gen.Frequency((3, Gen.Const<byte[]?>((byte[]?)null)), (1, HostileRequests.SessionBody.Select(b => (byte[]?)b))),
        };

        // Streams of a session still running would stay open by design: they aim at finished ones.
        var ids = HostileRequests.SessionId(template.EndsWith("stream", StringComparison.Ordinal) ? [sessions[0]] : sessions);
        var prefix = Gen.OneOf("/api/sessions", "/sessions");
        return Gen.Select(prefix, ids, HostileRequests.Query, HostileRequests.Headers, body, HostileRequests.ContentType,
            (at, id, query, headers, content, type) => new HostileRequests.Request(
                method, template == "/health" ? "/health" : template.Replace("/api/sessions", at).Replace("{id}", id), query, headers, content, type));
    }

    private async Task SendAndCheckAsync(HostileRequests.Request request)
    {
        Interlocked.Increment(ref _sent);

        // A connection of its own: a server that refuses a body without reading it closes the
        // connection, which must not fail the next generated request sent on it.
        using var message = new HttpRequestMessage(request.Method, request.Path + request.Query) { Headers = { ConnectionClose = true } };
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.Body is { } bytes)
        {
            message.Content = new ByteArrayContent(bytes);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        HttpResponseMessage sent;
        try
        {
            sent = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (HttpRequestException) when (request.Body?.Length > MaxRequestBytes)
        {
            // The server answered (404, 413) before taking all of a body over its limit and closed
            // the connection; the client then fails to send the rest. Still a refusal, not a crash.
            return;
        }

        using var response = sent;
        var text = await response.Content.ReadAsStringAsync(timeout.Token);
        var status = (int)response.StatusCode;
        Expect(status < 500, $"{status} for {request}: {text}");
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if ((status == 400 && request.Path.Contains("%00", StringComparison.Ordinal)) || status is 414 or 431)
        {
            // Kestrel itself refuses a NUL in the path and a request line or headers over its
            // limits, before any middleware could give the answer a body.
            return;
        }

        if (status >= 400)
        {
            Expect(mediaType == "application/json", $"{status} as {mediaType} for {request}: {text}");
            using var error = JsonDocument.Parse(text);
            Expect(error.RootElement.TryGetProperty("message", out var why) && why.ValueKind == JsonValueKind.String, $"{status} without a message for {request}: {text}");
        }
        else if (mediaType == "application/json")
        {
            // A success is a whole JSON document, whatever bytes the session holds.
            using var _ = JsonDocument.Parse(text);
        }
    }

    /// <summary>
    /// Fails the request's check: CsCheck takes any exception as a failed sample and shrinks it, so
    /// this library needs no assertion package.
    /// </summary>
    private static void Expect(bool holds, string why)
    {
        if (!holds)
        {
            throw new InvalidOperationException(why);
        }
    }

    /// <summary>Whether the front end still answers its health check after the barrage.</summary>
    public async Task<bool> IsHealthyAsync()
    {
        using var health = await client.GetAsync("/health");
        return health.StatusCode == HttpStatusCode.OK;
    }
}
