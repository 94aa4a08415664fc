using System.Net;
using HoopOrleans.Api.Security;
using HoopOrleans.Api.Tests.Auth;

namespace HoopOrleans.Api.Tests.Operations;

/// <summary>
/// <c>Management:Urls</c>: a listener of its own for probes (and metrics and the dashboard) that
/// answers whatever <c>Host</c> a probe names, <c>GET</c> only, and nothing else; the node's own
/// addresses keep their rules and no longer serve the probes.
/// </summary>
public sealed class ManagementListenerTests
{
    private static Dictionary<string, string> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["Management:Urls"] = "http://127.0.0.1:0",
            ["AllowedHosts"] = "hoop.example.com",
        };
        TestKeys.Add(settings, "root", ["admin"], ["*"]);
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<HttpResponseMessage> SendAsync(Uri listener, HttpMethod method, string path, string host)
    {
        using var client = new HttpClient { BaseAddress = listener };
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Host = host;
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Probes_answer_on_the_management_listener_whatever_host_they_name_and_only_there()
    {
        await using var host = await ApiHost.StartAsync(Settings());
        var management = host.ManagementAddress!;

        var probe = await Http.ReadAsync(await SendAsync(management, HttpMethod.Get, "/readyz", "10.1.2.3:9090"));
        var onNode = await Http.ReadAsync(await SendAsync(host.Client.BaseAddress!, HttpMethod.Get, "/readyz", "hoop.example.com"));
        var podIpOnNode = await Http.ReadAsync(await SendAsync(host.Client.BaseAddress!, HttpMethod.Get, "/api/sessions", "10.1.2.3:9090"));

        Assert.NotEqual(host.Client.BaseAddress!.Port, management.Port);
        Assert.Equal(HttpStatusCode.OK, probe.Status);
        Http.AssertError(HttpStatusCode.NotFound, onNode);
        Http.AssertError(HttpStatusCode.BadRequest, podIpOnNode, "this host name is not one the service answers to");
    }

    [Fact]
    public async Task The_management_listener_serves_nothing_else_and_answers_get_only()
    {
        await using var host = await ApiHost.StartAsync(Settings());
        var management = host.ManagementAddress!;

        var api = await Http.ReadAsync(await SendAsync(management, HttpMethod.Get, "/api/sessions", "10.1.2.3"));
        var post = await Http.ReadAsync(await SendAsync(management, HttpMethod.Post, "/healthz", "10.1.2.3"));
        using var head = await SendAsync(management, HttpMethod.Head, "/healthz", "10.1.2.3");

        Http.AssertError(HttpStatusCode.NotFound, api);
        Http.AssertError(HttpStatusCode.MethodNotAllowed, post, "the management listener answers GET only");
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task A_keyless_node_refuses_a_management_listener_beyond_loopback_unless_it_is_open()
    {
        var wide = new Dictionary<string, string> { ["Management:Urls"] = "http://0.0.0.0:0" };

        var refused = await Assert.ThrowsAsync<ListenRefusedException>(async () =>
        {
            await using var _ = await ApiHost.StartAsync(wide);
        });
        wide["Management:Open"] = "true";
        await using var open = await ApiHost.StartAsync(wide);
        var (ready, _) = await open.Client.GetJsonAsync("/api/sessions");

        Assert.Contains("Management:Open=true", refused.Message);
        Assert.Equal(HttpStatusCode.OK, ready);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("http://127.0.0.1:9090/probes")]
    [InlineData("not an address")]
    public async Task A_management_address_that_is_not_one_stops_the_start_naming_the_key(string url)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var _ = await ApiHost.StartAsync(new Dictionary<string, string> { ["Management:Urls"] = url });
        });

        Assert.Contains("Management:Urls", error.Message);
    }
}
