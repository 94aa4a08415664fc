using System.Net;
using System.Text.Json;
using CsCheck;

namespace HoopOrleans.Api.Tests.Faults;

/// <summary>
/// Generated malformed requests, at least 500 on every route: each gets a 4xx with a JSON
/// <c>{"message": …}</c> or a correct success, never a 5xx, a hang or a crash. The front end is
/// one of its own, with sessions in every state to aim at.
/// </summary>
public sealed class HostileInputTests(HostileInputTests.Target target) : IClassFixture<HostileInputTests.Target>
{
    private const int RequestsPerRoute = 500;

    private static class SessionApiLimits
    {
        /// <summary><c>Sessions:MaxRequestBytes</c>' default.</summary>
        public const int MaxRequestBytes = 1024 * 1024;
    }

    public sealed class Target : IAsyncLifetime
    {
        public ApiHost Host { get; private set; } = null!;

        /// <summary>Ids of a finished session and of one waiting for review.</summary>
        public List<string> Sessions { get; } = [];

        public async Task InitializeAsync()
        {
            Host = await ApiHost.StartAsync(new Dictionary<string, string>
            {
                ["Connections:noop:Command:0"] = "true",
                ["Connections:gated:Command:0"] = "true",
                ["Connections:gated:Review"] = "true",
            });
            foreach (var connection in new[] { "noop", "gated" })
            {
                var (_, body) = await Host.Client.PostAsync("/api/sessions", new { connection, script = "echo hi" });
                Sessions.Add(body.GetProperty("session_id").GetString()!);
            }
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    public static TheoryData<string> Routes => new()
    {
        "POST /api/sessions", "GET /api/sessions", "GET /api/sessions/{id}", "DELETE /api/sessions/{id}",
        "POST /api/sessions/{id}/kill", "PUT /api/sessions/{id}/review", "POST /api/sessions/{id}/exec",
        "GET /api/sessions/{id}/stream", "GET /api/sessions/{id}/result/stream", "GET /health",
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_malformed_request_gets_a_4xx_with_a_message_or_a_correct_success(string route)
    {
        var requests = RequestsFor(route);

        await requests.SampleAsync(SendAndCheckAsync, iter: RequestsPerRoute, threads: 4);

        using var health = await target.Host.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

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
        var ids = HostileRequests.SessionId(template.EndsWith("stream", StringComparison.Ordinal) ? target.Sessions[..1] : target.Sessions);
        var prefix = Gen.OneOf("/api/sessions", "/sessions");
        return Gen.Select(prefix, ids, HostileRequests.Query, HostileRequests.Headers, body, HostileRequests.ContentType,
            (at, id, query, headers, content, type) => new HostileRequests.Request(
                method, template == "/health" ? "/health" : template.Replace("/api/sessions", at).Replace("{id}", id), query, headers, content, type));
    }

    private async Task SendAndCheckAsync(HostileRequests.Request request)
    {
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
            sent = await target.Host.Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (HttpRequestException) when (request.Body?.Length > SessionApiLimits.MaxRequestBytes)
        {
            // The server answered (404, 413) before taking all of a body over its limit and closed
            // the connection; the client then fails to send the rest. Still a refusal, not a crash.
            return;
        }

        using var response = sent;
        var text = await response.Content.ReadAsStringAsync(timeout.Token);
        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{status} for {request}: {text}");
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if ((status == 400 && request.Path.Contains("%00", StringComparison.Ordinal)) || status is 414 or 431)
        {
            // Kestrel itself refuses a NUL in the path and a request line or headers over its
            // limits, before any middleware could give the answer a body.
            return;
        }

        if (status >= 400)
        {
            Assert.Equal("application/json", mediaType);
            using var error = JsonDocument.Parse(text);
            Assert.Equal(JsonValueKind.String, error.RootElement.GetProperty("message").ValueKind);
        }
        else if (mediaType == "application/json")
        {
            // A success is a whole JSON document, whatever bytes the session holds.
            using var _ = JsonDocument.Parse(text);
        }
    }
}
