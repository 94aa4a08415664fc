using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using HoopOrleans.Operations.Management;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Security;

/// <summary>
/// Runs once Kestrel has bound its addresses (the host calls <see cref="StartedAsync"/> after every
/// service, the web server included, has started): refuses to go on when keyless and exposed,
/// warns when keys would cross the network in clear, and then opens the <see cref="ListenGate"/>.
/// </summary>
internal sealed partial class ListenSafetyCheck(
    IServer server,
    AllowedHostNames hosts,
    ListenGate gate,
    ManagementListener management,
    IOptions<ManagementOptions> managementOptions,
    ILogger<ListenSafetyCheck> logger) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        // The management listener serves probes and metrics only, and is judged as such.
        var managementAddresses = management.BoundAddresses;
        var managementPorts = managementAddresses.Select(ListenSafety.PortOf).Where(port => port > 0).ToHashSet();
        var addresses = (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .Where(address => !managementPorts.Contains(ListenSafety.PortOf(address)))
            .ToList();
        if ((ListenSafety.Refusal(addresses, hosts.LoopbackOnly) ?? ListenSafety.ManagementRefusal(managementAddresses, hosts.LoopbackOnly, managementOptions.Value.Open)) is { } refusal)
        {
            Refused(logger, refusal);
            gate.Refuse(refusal);
            throw new ListenRefusedException(refusal);
        }

        if (!hosts.LoopbackOnly && ListenSafety.PlainTextExposed(addresses) is { Count: > 0 } clear)
        {
            KeysInClear(logger, string.Join(", ", clear));
        }

        gate.Open();
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Critical, "{Refusal}")]
    private static partial void Refused(ILogger logger, string refusal);

    [LoggerMessage(2, LogLevel.Warning, "Serving plain HTTP beyond loopback on {Addresses}: API keys and scripts cross the network in clear. Configure HTTPS (Kestrel:Certificates:Default or an https endpoint) or put a TLS-terminating proxy in front.")]
    private static partial void KeysInClear(ILogger logger, string addresses);
}
