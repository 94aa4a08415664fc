namespace HoopOrleans.Api.Tests.Auth;

public sealed class ListenSafetyTests
{
    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:0")]
    [InlineData("http://127.0.0.1:0;http://[::]:0")]
    public async Task Without_keys_the_service_refuses_to_listen_beyond_loopback(string urls)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { ["urls"] = urls });
        });

        Assert.Contains("without API keys", error.Message);
    }

    [Fact]
    public async Task Allow_anonymous_lets_it_listen_anywhere()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { ["urls"] = "http://0.0.0.0:0", ["Auth:AllowAnonymous"] = "true" });

        var (status, _) = await host.Client.GetJsonAsync("/api/sessions");

        Assert.Equal(System.Net.HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("http://[::1]:0")]
    [InlineData("http://127.0.0.1:0;http://[::1]:0")]
    public async Task Loopback_needs_no_keys(string urls)
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { ["urls"] = urls });

        var (status, _) = await host.Client.GetJsonAsync("/api/sessions");

        Assert.Equal(System.Net.HttpStatusCode.OK, status);
    }
}
