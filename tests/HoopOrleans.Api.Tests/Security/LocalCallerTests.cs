using System.Net;
using HoopOrleans.Api.Security;
using HoopOrleans.Api.Tests.Auth;
using Microsoft.Extensions.Logging;

namespace HoopOrleans.Api.Tests.Security;

/// <summary>
/// Without keys, only the service's own user (and uids the operator trusts) may call: a script
/// cannot call the API that started it on any route, whatever headers it sends, while the
/// operator's calls still work. Forwarded headers are on here, as behind a proxy.
/// </summary>
public sealed class LocalCallerTests : IAsyncLifetime
{
    private readonly LogCapture _logs = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(new Dictionary<string, string>
    {
        ["FORWARDEDHEADERS_ENABLED"] = "true",
        ["Connections:vault:Command:0"] = "bash",
        ["Connections:vault:Command:1"] = "-s",
        ["Connections:vault:Env:VAULT_TOKEN"] = SecuredHost.Secret,
        ["Connections:nobody:Command:0"] = "bash",
        ["Connections:nobody:Command:1"] = "-s",
        ["Connections:nobody:User"] = "nobody",
    }, builder => builder.Logging.AddProvider(_logs));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private int Port => _host.Client.BaseAddress!.Port;

    /// <summary>A script that calls the service on every loopback name, with and without a forged peer address, and prints each status code.</summary>
    private string CallBack() => $$"""
        for host in 127.0.0.1 localhost; do
          for forged in 'X-Forwarded-For: 127.0.0.1' 'X-Forwarded-For: 192.0.2.7'; do
            curl -s -o /dev/null -w '%{http_code} ' -H "$forged" -H 'Content-Type: application/json' \
              -d '{"connection":"vault","script":"echo $VAULT_TOKEN"}' http://$host:{{Port}}/api/sessions
            curl -s -o /dev/null -w '%{http_code} ' -H "$forged" http://$host:{{Port}}/health
          done
        done
        """;

    [Theory]
    [InlineData("bash")]     // a uid from Security:RunUidRange
    [InlineData("nobody")]   // a user the connection names
    public async Task A_script_cannot_call_the_api_of_a_keyless_service_whatever_it_forwards(string connection)
    {
        var (status, body) = await _host.Client.PostAsync("/api/sessions?wait=120", new { connection, script = CallBack() });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(string.Concat(Enumerable.Repeat("403 ", 8)), body.GetProperty("output").GetString());
        var (listed, list) = await _host.Client.GetJsonAsync("/api/sessions");
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.DoesNotContain(list.GetProperty("data").EnumerateArray(), item => item.GetProperty("connection").GetString() == "vault");
    }

    [Fact]
    public async Task Forwarded_headers_are_read_here_for_what_they_are_for()
    {
        // The origin rule compares with the scheme after forwarded headers: accepted only if they are on.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("Origin", $"https://127.0.0.1:{Port}");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_refusal_is_a_json_message_and_the_operator_is_still_served()
    {
        var (status, body) = await _host.Client.PostAsync("/api/sessions?wait=120", new { connection = "bash", script = $"curl -s http://127.0.0.1:{Port}/health" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($$"""{"message":"{{LocalCallers.RefusalMessage}}"}""", body.GetProperty("output").GetString());
        var health = await _host.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_request_sent_by_a_run_that_closes_at_once_never_acts()
    {
        var (_, victim) = await _host.Client.PostAsync("/api/sessions?wait=0", new { connection = "vault", script = "sleep 300" });
        var id = victim.GetProperty("session_id").GetString();

        // The bodyless kill is sent and the socket closed before any answer: the race the check at
        // accept closes (a peer that has closed has no owner to trust, and is refused).
        var script = $"exec 3<>/dev/tcp/127.0.0.1/{Port}; printf 'POST /api/sessions/{id}/kill HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Length: 0\\r\\n\\r\\n' >&3; exec 3>&-";
        var (ran, _) = await _host.Client.PostAsync("/api/sessions?wait=120", new { connection = "bash", script });
        await _logs.WaitForAsync(entry => entry.Category == typeof(LocalCallers).FullName && entry.Message.StartsWith("Refused a keyless connection", StringComparison.Ordinal));
        var (_, session) = await _host.Client.GetJsonAsync($"/api/sessions/{id}");

        Assert.Equal(HttpStatusCode.OK, ran);
        Assert.Equal("running", session.GetProperty("status").GetString());
        using var killed = await _host.Client.PostAsync($"/api/sessions/{id}/kill", new StringContent(""));
    }

    [Fact]
    public async Task A_uid_the_operator_trusts_may_call()
    {
        await using var trusting = await ApiHost.StartAsync(new Dictionary<string, string>
        {
            ["Security:TrustedLocalUids:0"] = "65534",
            ["Connections:nobody:Command:0"] = "bash",
            ["Connections:nobody:Command:1"] = "-s",
            ["Connections:nobody:User"] = "nobody",
        });
        var port = trusting.Client.BaseAddress!.Port;
        var script = $"curl -s -o /dev/null -w '%{{http_code}} ' http://127.0.0.1:{port}/health";

        var (_, trusted) = await trusting.Client.PostAsync("/api/sessions?wait=120", new { connection = "nobody", script });
        var (_, other) = await trusting.Client.PostAsync("/api/sessions?wait=120", new { connection = "bash", script });

        Assert.Equal("200 ", trusted.GetProperty("output").GetString());
        Assert.Equal("403 ", other.GetProperty("output").GetString());
    }

    [Fact]
    public async Task On_a_unix_socket_a_script_is_refused_and_the_operator_served()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"hoop-api-{Guid.NewGuid():N}.sock");
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { ["urls"] = $"http://127.0.0.1:0;http://unix:{socket}" });

        // Opened to every user, as an operator might for a group: the file's mode no longer keeps runs out.
        File.SetUnixFileMode(socket, (UnixFileMode)0b111_111_111);
        using var operatorClient = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var unix = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
                await unix.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(socket), cancellationToken);
                return new System.Net.Sockets.NetworkStream(unix, ownsSocket: true);
            },
        });

        var (_, run) = await host.Client.PostAsync("/api/sessions?wait=120", new { connection = "bash", script = $"curl -s -o /dev/null -w '%{{http_code}}' --unix-socket {socket} http://localhost/health" });
        using var served = await operatorClient.GetAsync("http://localhost/health");

        Assert.Equal("403", run.GetProperty("output").GetString());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }
}
