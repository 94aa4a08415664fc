using HoopOrleans.Api.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server.Features;
using HoopOrleans.Operations.Management;

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

    /// <summary>The host's services, the embedded silo's among them.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The management listener's address, reached through loopback; null without one.</summary>
    public Uri? ManagementAddress => _app.Services.GetRequiredService<ManagementListener>().BoundAddresses.Select(Loopback).FirstOrDefault();

    /// <summary>The gRPC listener's address (hoop's transport), reached through loopback; null without one.</summary>
    public Uri? GrpcAddress => _app.Services.GetRequiredService<GrpcListener>().BoundAddresses.Select(Loopback).FirstOrDefault();

    public static async Task<ApiHost> StartAsync(IDictionary<string, string>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var all = new Dictionary<string, string>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Grpc:Urls"] = "http://127.0.0.1:0",
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

        // The node's own address: any but the management and gRPC listeners'.
        var management = app.Services.GetRequiredService<ManagementListener>().BoundAddresses
            .Concat(app.Services.GetRequiredService<GrpcListener>().BoundAddresses)
            .Select(ListenSafety.PortOf).ToHashSet();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .First(bound => !management.Contains(ListenSafety.PortOf(bound)));
        return new ApiHost(app, new HttpClient { BaseAddress = Loopback(address), Timeout = TimeSpan.FromMinutes(2) });
    }

    /// <summary>A bound address as a client reaches it: a wildcard listener through loopback.</summary>
    private static Uri Loopback(string bound)
    {
        var address = new UriBuilder(bound);
        if (address.Host is "0.0.0.0" or "[::]")
        {
            address.Host = "127.0.0.1";
        }

        return address.Uri;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
