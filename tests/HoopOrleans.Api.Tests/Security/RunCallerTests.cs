using System.Net;
using HoopOrleans.Api.Tests.Auth;

namespace HoopOrleans.Api.Tests.Security;

/// <summary>
/// Without keys, a script cannot call the API that started it (nor any other route): its loopback
/// requests come from a run's uid and are refused, while the operator's still work.
/// </summary>
public sealed class RunCallerTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(new Dictionary<string, string>
    {
        ["Connections:vault:Command:0"] = "bash",
        ["Connections:vault:Command:1"] = "-s",
        ["Connections:vault:Env:VAULT_TOKEN"] = SecuredHost.Secret,
        ["Connections:nobody:Command:0"] = "bash",
        ["Connections:nobody:Command:1"] = "-s",
        ["Connections:nobody:User"] = "nobody",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A script that calls the service on every loopback name and prints each status code.</summary>
    private string CallBack()
    {
        var port = _host.Client.BaseAddress!.Port;
        return $$"""
            for host in 127.0.0.1 localhost; do
              curl -s -o /dev/null -w '%{http_code} ' -H 'Content-Type: application/json' \
                -d '{"connection":"vault","script":"echo $VAULT_TOKEN"}' http://$host:{{port}}/api/sessions
              curl -s -o /dev/null -w '%{http_code} ' http://$host:{{port}}/api/sessions
              curl -s -o /dev/null -w '%{http_code} ' http://$host:{{port}}/health
            done
            """;
    }

    [Theory]
    [InlineData("bash")]     // a uid from Security:RunUidRange
    [InlineData("nobody")]   // a user the connection names
    public async Task A_script_cannot_call_the_api_of_a_keyless_service(string connection)
    {
        var (status, body) = await _host.Client.PostAsync("/api/sessions", new { connection, script = CallBack() });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("403 403 403 403 403 403 ", body.GetProperty("output").GetString());
        var (listed, list) = await _host.Client.GetJsonAsync("/api/sessions");
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.DoesNotContain(list.GetProperty("data").EnumerateArray(), item => item.GetProperty("connection").GetString() == "vault");
    }

    [Fact]
    public async Task The_refusal_is_a_json_message_and_the_operator_is_still_served()
    {
        var port = _host.Client.BaseAddress!.Port;
        var (status, body) = await _host.Client.PostAsync("/api/sessions", new { connection = "bash", script = $"curl -s http://127.0.0.1:{port}/health" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"message":"a run cannot call a service that has no API keys"}""", body.GetProperty("output").GetString());
        var health = await _host.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
