using System.Net;
using HoopOrleans.Api.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HoopOrleans.Api.Tests.Security;

public sealed class ListenSafetyTests
{
    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:0")]
    [InlineData("http://127.0.0.1:0;http://[::]:0")]
    public async Task Without_keys_the_service_refuses_to_listen_beyond_loopback(string urls)
    {
        var error = await Assert.ThrowsAsync<ListenRefusedException>(async () =>
        {
            await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { ["urls"] = urls });
        });

        Assert.Contains("without API keys", error.Message);
    }

    [Fact]
    public async Task An_address_bound_in_code_is_judged_too()
    {
        var error = await Assert.ThrowsAsync<ListenRefusedException>(async () =>
        {
            await using var host = await ApiHost.StartAsync(configure: builder => builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(0)));
        });

        Assert.Contains("without API keys", error.Message);
    }

    /// <summary>Every way an operator can name an address, given to the real service process: it stops, naming what it bound.</summary>
    [Theory]
    [InlineData("--urls", "http://0.0.0.0:0", "http://0.0.0.0:")]
    [InlineData("ASPNETCORE_URLS", "http://0.0.0.0:0", "http://0.0.0.0:")]
    [InlineData("HTTP_PORTS", "0", "http://[::]:")]
    [InlineData("ASPNETCORE_HTTP_PORTS", "0", "http://[::]:")]
    [InlineData("Kestrel__Endpoints__web__Url", "http://0.0.0.0:0", "http://0.0.0.0:")]
    public async Task Each_configuration_source_of_a_wide_address_stops_the_keyless_service(string source, string value, string named)
    {
        var (exitCode, output) = source.StartsWith("--", StringComparison.Ordinal)
            ? await ApiProcess.RunUntilExitAsync(new Dictionary<string, string>(), source, value)
            : await ApiProcess.RunUntilExitAsync(new Dictionary<string, string> { [source] = value });

        Assert.Equal(1, exitCode);
        Assert.Contains($"Refusing to serve on {named}", output);
    }

    [Fact]
    public async Task Allow_anonymous_lets_it_listen_anywhere()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { ["urls"] = "http://0.0.0.0:0", ["Auth:AllowAnonymous"] = "true" });

        var (status, _) = await host.Client.GetJsonAsync("/api/sessions");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("http://[::1]:0")]
    [InlineData("http://127.0.0.1:0;http://[::1]:0")]
    public async Task Loopback_needs_no_keys(string urls)
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { ["urls"] = urls });

        var (status, _) = await host.Client.GetJsonAsync("/api/sessions");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task With_keys_on_plain_http_beyond_loopback_start_up_warns_that_keys_travel_in_clear()
    {
        var logs = new LogCapture();
        var settings = new Dictionary<string, string>
        {
            ["urls"] = "http://0.0.0.0:0",
            ["Auth:Keys:ops:Hash"] = HoopOrleans.Api.Auth.ApiKeyRegistry.HashOf("ops-key"),
            ["Auth:Keys:ops:Roles:0"] = "admin",
        };
        await using var host = await ApiHost.StartAsync(settings, builder => builder.Logging.AddProvider(logs));

        Assert.Contains(logs.Entries, entry => entry.Category == typeof(ListenSafetyCheck).FullName && entry.Message.Contains("cross the network in clear") && entry.Message.Contains("http://0.0.0.0:"));
    }

    [Fact]
    public async Task No_request_is_served_before_the_check_and_none_after_a_refusal()
    {
        var gate = new ListenGate();
        var served = false;
        var guard = new RequestGuardMiddleware(_ => { served = true; return Task.CompletedTask; }, gate, null!, null!, null!);
        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();

        var pending = guard.InvokeAsync(http);
        Assert.False(pending.IsCompleted);
        gate.Refuse("not safe");
        await pending;

        Assert.False(served);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
    }
}
