using System.Net;
using HoopOrleans.Api.Auth;
using HoopOrleans.Connections;
using HoopOrleans.Processes;
using Microsoft.AspNetCore.Connections.Features;

namespace HoopOrleans.Api.Security;

/// <summary>
/// Recognises requests sent by a run. Without keys the API trusts whoever reaches it, so a script
/// could start a run on another connection (with that connection's secrets) just by calling it.
/// Runs of a root service have users of their own: the uids of <c>Security:RunUidRange</c> and
/// those that connections name (<c>Connections:&lt;name&gt;:User</c>, root aside). A connection whose
/// other end is a socket on this machine owned by one of those uids is a run's. The owner is asked
/// of the kernel once per connection, and only when the service has no keys.
/// </summary>
internal sealed class RunCallers
{
    private static readonly object ConnectionKey = new();

    private readonly bool _active;
    private readonly (uint First, uint Last) _range;
    private readonly HashSet<uint> _named;

    public RunCallers(ApiKeyRegistry keys, IConfiguration configuration)
    {
        var security = configuration.GetSection(RunSecurityOptions.Section).Get<RunSecurityOptions>() ?? new RunSecurityOptions();
        _range = security.UidRange() ?? (1, 0);
        _named = [.. configuration.GetSection(ConnectionOptions.Section).GetChildren()
            .Select(connection => connection[nameof(ConnectionOptions.User)])
            .OfType<string>()
            .Select(RunUsers.UidOf)
            .OfType<uint>()
            .Where(uid => uid != 0)];
        _active = keys.IsOpen;
    }

    /// <summary>True when the request comes from a run of this machine while the service has no keys.</summary>
    public bool IsRun(HttpContext http)
    {
        if (!_active || !OperatingSystem.IsLinux() || http.Connection.RemoteIpAddress is not { } remote || http.Connection.LocalIpAddress is not { } local)
        {
            return false;
        }

        // One lookup per connection: every request on it comes from the same socket.
        var items = http.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items?.TryGetValue(ConnectionKey, out var known) == true)
        {
            return (bool)known!;
        }

        var owner = LocalTcpPeers.OwnerOf(new IPEndPoint(remote, http.Connection.RemotePort), new IPEndPoint(local, http.Connection.LocalPort));
        var isRun = owner is { } uid && (uid >= _range.First && uid <= _range.Last || _named.Contains(uid));
        if (items is not null)
        {
            items[ConnectionKey] = isRun;
        }

        return isRun;
    }
}
