using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using HoopOrleans.Api.Auth;
using HoopOrleans.Processes;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Security;

/// <summary>
/// Who may call a service that has no API keys. Without keys the API trusts whoever reaches it, so a
/// run (any program on this machine) could start runs on every connection, with their secrets, just
/// by calling it. So each connection's caller is identified when Kestrel accepts it, from the
/// socket's own addresses and before any HTTP is read: the kernel names the user that owns the
/// other end (netlink <c>sock_diag</c> for TCP, <c>SO_PEERCRED</c> for a Unix socket). Only the
/// service's own user and the uids of <c>Security:TrustedLocalUids</c> may call; run users, other
/// users, a peer that already closed and a lookup that failed are all refused. No header can change
/// the verdict: forwarded headers rewrite the request's remote address later, on each request, and
/// are never read here. A caller on another machine is served only when <c>Auth:AllowAnonymous</c>
/// says keyless calls from the network are intended.
/// </summary>
internal sealed partial class LocalCallers
{
    public const string RefusalMessage = "without API keys only the user this service runs as and the uids of Security:TrustedLocalUids may call it";

    private static readonly object Allowed = new();

    private readonly HashSet<uint> _trusted;
    private readonly bool _networkAllowed;
    private readonly ILogger<LocalCallers> _logger;
    private volatile HashSet<IPAddress>? _ownAddresses;

    public LocalCallers(ApiKeyRegistry keys, IOptions<AuthOptions> auth, IOptions<LocalCallerOptions> options, ILogger<LocalCallers> logger)
    {
        IsActive = keys.IsOpen;
        _networkAllowed = auth.Value.AllowAnonymous;
        _trusted = options.Value.Uids() ?? [];
        _trusted.Add(UserDatabase.EffectiveUid);
        _logger = logger;
        NetworkChange.NetworkAddressChanged += (_, _) => _ownAddresses = null;
    }

    /// <summary>Whether callers are checked: only while the service has no keys (with keys, a caller needs one).</summary>
    public bool IsActive { get; }

    /// <summary>The uids that may call: the service's own and the trusted ones.</summary>
    public IReadOnlySet<uint> Trusted => _trusted;

    /// <summary>Kestrel's connection middleware: the verdict on this connection's caller, kept for each of its requests.</summary>
    public Task OnConnectedAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        if (IsActive)
        {
            var why = Refusal(connection);
            connection.Items[typeof(LocalCallers)] = why ?? Allowed;
            if (why is not null)
            {
                Refused(_logger, connection.RemoteEndPoint?.ToString() ?? "an unnamed peer", why);
            }
        }

        return next(connection);
    }

    /// <summary>Whether <paramref name="http"/> must be refused: keyless, and its connection's caller was not allowed (or never judged).</summary>
    public bool Refuses(HttpContext http) =>
        IsActive && !(http.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(typeof(LocalCallers), out var verdict) == true && ReferenceEquals(verdict, Allowed));

    /// <summary>Why the caller of <paramref name="connection"/> may not call, or null when it may.</summary>
    private string? Refusal(ConnectionContext connection)
    {
        PeerLookup owner;
        if (connection.RemoteEndPoint is IPEndPoint remote && connection.LocalEndPoint is IPEndPoint local)
        {
            owner = LocalTcpPeers.OwnerOf(remote, local);
            if (owner.Outcome == PeerLookupOutcome.NotFound && _networkAllowed && !IsThisMachine(remote.Address))
            {
                return null;
            }
        }
        else if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is { AddressFamily: AddressFamily.Unix } socket)
        {
            owner = LocalUnixPeers.OwnerOf(socket);
        }
        else
        {
            return "the peer is neither a TCP nor a Unix socket";
        }

        return owner.Why ?? (_trusted.Contains(owner.Uid) ? null : $"its socket is owned by uid {owner.Uid}, which is not trusted");
    }

    /// <summary>Whether <paramref name="address"/> is one of this machine's: a peer there that the kernel does not know has gone, it is not remote.</summary>
    private bool IsThisMachine(IPAddress address)
    {
        var normal = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (IPAddress.IsLoopback(normal))
        {
            return true;
        }

        var own = _ownAddresses ??= [.. NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(face => face.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)];
        return own.Contains(normal);
    }

    [LoggerMessage(1, LogLevel.Warning, "Refused a keyless connection from {Peer}: {Why}")]
    private static partial void Refused(ILogger logger, string peer, string why);
}
