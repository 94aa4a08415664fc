using HoopOrleans.Api.Sessions;
using HoopOrleans.Operations.Management;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Grpc;

/// <summary>What every <see cref="ExecStream"/> of this front end works with.</summary>
internal sealed partial class ExecStreamServices(
    SessionServices sessions,
    IOptions<GrpcOptions> options,
    IServer server,
    GrpcListener grpc,
    ManagementListener management,
    ILogger<ExecStreamServices> logger)
{
    private string? _apiUrl;

    public SessionServices Sessions => sessions;

    /// <summary>
    /// Where a person reviews session <paramref name="id"/>: <c>Grpc:ApiUrl</c>, else this node's
    /// first HTTP address (not the gRPC or management listener's), as hoop's CLI prints it.
    /// </summary>
    public string ReviewUrl(string id) => $"{ApiUrl()}/sessions/{id}";

    /// <summary>The program a run of <paramref name="connection"/> starts, as hoop's CLI shows it, from what its silos advertise; null for a connection no silo has.</summary>
    public string? CommandOf(string connection, IEnumerable<string> clientArgs) =>
        sessions.Connections.Find(connection) is { } known ? string.Join(' ', known.Settings.Command.Concat(clientArgs)) : null;

    public void KillFailed(Exception exception, string sessionId) => KillFailedLog(logger, exception, sessionId);

    private string ApiUrl()
    {
        if (_apiUrl is not null)
        {
            return _apiUrl;
        }

        var configured = options.Value.ApiUrl;
        var own = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Except(grpc.BoundAddresses, StringComparer.OrdinalIgnoreCase)
            .Except(management.BoundAddresses, StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault();
        return _apiUrl = (string.IsNullOrWhiteSpace(configured) ? own ?? "" : configured).TrimEnd('/');
    }

    [LoggerMessage(1, LogLevel.Warning, "Session {SessionId}: its gRPC client went away and the run could not be killed")]
    private static partial void KillFailedLog(ILogger logger, Exception exception, string sessionId);
}
