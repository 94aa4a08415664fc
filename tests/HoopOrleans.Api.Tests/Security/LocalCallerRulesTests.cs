using System.Net;
using System.Net.Sockets;
using HoopOrleans.Api.Auth;
using HoopOrleans.Api.Security;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Tests.Security;

/// <summary>
/// The keyless caller check fails closed: a caller is served only when the kernel names its socket's
/// owner and that owner is trusted; a peer that is not there, an endpoint of another kind or a
/// network caller (unless anonymous network calls were allowed) is refused. Real sockets throughout.
/// </summary>
public sealed class LocalCallerRulesTests
{
    private static LocalCallers Callers(bool allowAnonymous = false, Dictionary<string, ApiKeyOptions>? keys = null)
    {
        var auth = Options.Create(new AuthOptions { AllowAnonymous = allowAnonymous, Keys = keys ?? [] });
        return new LocalCallers(new ApiKeyRegistry(auth), auth, Options.Create(new LocalCallerOptions()), NullLogger<LocalCallers>.Instance);
    }

    /// <summary>Whether a request on <paramref name="connection"/> is refused once the check has seen the connection.</summary>
    private static async Task<bool> RefusedAsync(LocalCallers callers, DefaultConnectionContext connection)
    {
        await callers.OnConnectedAsync(connection, _ => Task.CompletedTask);
        var http = new DefaultHttpContext();
        http.Features.Set<IConnectionItemsFeature>(connection);
        return callers.Refuses(http);
    }

    private static DefaultConnectionContext Connection(EndPoint? remote, EndPoint? local) => new() { RemoteEndPoint = remote, LocalEndPoint = local };

    [Fact]
    public async Task A_connection_from_the_services_own_user_is_served()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        using var accepted = await listener.AcceptTcpClientAsync();

        Assert.False(await RefusedAsync(Callers(), Connection(accepted.Client.RemoteEndPoint, accepted.Client.LocalEndPoint)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_local_peer_the_kernel_does_not_know_is_refused_even_when_anonymous_calls_are_allowed(bool allowAnonymous)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        Assert.True(await RefusedAsync(Callers(allowAnonymous), Connection(new IPEndPoint(IPAddress.Loopback, 1), listener.LocalEndpoint)));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task A_caller_on_another_machine_is_served_only_when_anonymous_calls_are_allowed(bool allowAnonymous, bool refused)
    {
        var remote = new IPEndPoint(IPAddress.Parse("192.0.2.7"), 40000);

        Assert.Equal(refused, await RefusedAsync(Callers(allowAnonymous), Connection(remote, new IPEndPoint(IPAddress.Loopback, 5080))));
    }

    [Fact]
    public async Task A_connection_without_endpoints_or_a_request_no_check_saw_is_refused()
    {
        var callers = Callers();
        var unseen = new DefaultHttpContext();

        Assert.True(await RefusedAsync(callers, Connection(null, null)));
        Assert.True(callers.Refuses(unseen));
    }

    [Fact]
    public async Task A_unix_socket_peer_is_judged_by_its_credentials()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hoop-caller-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        try
        {
            using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await client.ConnectAsync(new UnixDomainSocketEndPoint(path));
            using var accepted = await listener.AcceptAsync();
            var connection = Connection(accepted.RemoteEndPoint, accepted.LocalEndPoint);
            connection.Features.Set<IConnectionSocketFeature>(new ConnectionSocket(accepted));

            Assert.False(await RefusedAsync(Callers(), connection));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task With_keys_no_caller_is_judged_here()
    {
        var callers = Callers(keys: new() { ["ops"] = new ApiKeyOptions { Hash = ApiKeyRegistry.HashOf("ops-key") } });

        Assert.False(callers.IsActive);
        Assert.False(await RefusedAsync(callers, Connection(new IPEndPoint(IPAddress.Loopback, 1), new IPEndPoint(IPAddress.Loopback, 5080))));
    }
}
