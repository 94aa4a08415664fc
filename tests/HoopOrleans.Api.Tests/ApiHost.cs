using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace HoopOrleans.Api.Tests;

/// <summary>
/// The real front end with its embedded silo, on Kestrel at a port the OS picks and silo ports of
/// its own, so hosts in parallel tests never collide.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiHost(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<ApiHost> StartAsync(IDictionary<string, string>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var all = new Dictionary<string, string>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Orleans:SiloPort"] = FreePorts.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePorts.Next().ToString(),
            ["Orleans:ClusterId"] = $"test-{Guid.NewGuid():N}",
            ["Connections:bash:Command:0"] = "bash",
            ["Connections:bash:Command:1"] = "-s",
            ["Logging:LogLevel:Default"] = "Warning",
            // A test host stops at once, ending the runs it has as "node shut down"; draining is
            // tested on processes of their own (DrainTests).
            ["Orleans:DrainTimeout"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var app = ApiApplication.Create([.. all.Select(pair => $"--{pair.Key}={pair.Value}")], configure);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A host that refused to start (listen safety, options) may hold its ports and silo.
            await app.StopAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await app.DisposeAsync();
            throw;
        }

        // Reach a wildcard listener through loopback.
        var address = new UriBuilder(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        if (address.Host is "0.0.0.0" or "[::]")
        {
            address.Host = "127.0.0.1";
        }

        return new ApiHost(app, new HttpClient { BaseAddress = address.Uri, Timeout = TimeSpan.FromMinutes(2) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
