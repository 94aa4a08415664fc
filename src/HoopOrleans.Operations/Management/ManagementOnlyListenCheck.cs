using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Operations.Management;

/// <summary>
/// The listen check of a node whose HTTP serves probes and metrics only (a silo host): it has no
/// API keys, so beyond loopback it serves only when <c>Management:Open</c> says anyone who can
/// reach it may read its metrics. Runs once Kestrel has bound, whichever source named the addresses.
/// </summary>
public sealed partial class ManagementOnlyListenCheck(IServer server, IOptions<ManagementOptions> options, ILogger<ManagementOnlyListenCheck> logger)
    : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (ListenSafety.ManagementRefusal(addresses, keyless: true, options.Value.Open) is { } refusal)
        {
            Refused(logger, refusal);
            throw new InvalidOperationException(refusal);
        }

        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Critical, "{Refusal}")]
    private static partial void Refused(ILogger logger, string refusal);
}
