using System.Net;
using HoopOrleans.Api.Tests.Auth;

namespace HoopOrleans.Api.Tests.OpenApi;

/// <summary>
/// The document and the reference page describe the API and hold no session data: served without
/// a key even when keys are configured, but held to the same request guard as every route (the
/// <c>Host</c> and <c>Origin</c> rules), and never served on the management listener.
/// </summary>
public sealed class ApiDocumentAccessTests
{
    private static readonly string[] Routes = [ApiDocument.Path, "/docs/", "/docs/scalar.js"];

    [Fact]
    public async Task With_keys_the_document_and_the_page_need_none_and_the_api_still_does()
    {
        var settings = new Dictionary<string, string>();
        TestKeys.Add(settings, "root", ["admin"], ["*"]);
        await using var host = await ApiHost.StartAsync(settings);

        foreach (var route in Routes)
        {
            using var answer = await host.Client.GetAsync(route);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{route} answered {answer.StatusCode}");
        }

        Http.AssertError(HttpStatusCode.Unauthorized, await host.Client.GetJsonAsync("/api/sessions"), "access denied");
    }

    [Fact]
    public async Task The_document_and_the_page_keep_the_host_and_origin_rules()
    {
        await using var host = await ApiHost.StartAsync();

        foreach (var route in Routes)
        {
            using var rebound = new HttpRequestMessage(HttpMethod.Get, route);
            rebound.Headers.Host = "attacker.example";
            using var foreign = new HttpRequestMessage(HttpMethod.Get, route);
            foreign.Headers.Add("Origin", "http://attacker.example");

            Http.AssertError(HttpStatusCode.BadRequest, await Http.ReadAsync(await host.Client.SendAsync(rebound)));
            Http.AssertError(HttpStatusCode.Forbidden, await Http.ReadAsync(await host.Client.SendAsync(foreign)), "requests from another origin are not allowed");
        }
    }

    [Fact]
    public async Task The_management_listener_serves_neither_the_document_nor_the_page()
    {
        var settings = new Dictionary<string, string> { ["Management:Urls"] = "http://127.0.0.1:0" };
        TestKeys.Add(settings, "root", ["admin"], ["*"]);
        await using var host = await ApiHost.StartAsync(settings);
        using var management = new HttpClient { BaseAddress = host.ManagementAddress };

        foreach (var route in Routes)
        {
            using var onNode = await host.Client.GetAsync(route);
            Assert.True(onNode.StatusCode == HttpStatusCode.OK, $"{route} answered {onNode.StatusCode} on the node's address");
            Http.AssertError(HttpStatusCode.NotFound, await Http.ReadAsync(await management.GetAsync(route)));
        }

        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/healthz")).StatusCode);
    }
}
