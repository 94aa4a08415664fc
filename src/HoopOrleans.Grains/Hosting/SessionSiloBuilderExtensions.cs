using HoopOrleans.Connections;
using HoopOrleans.Draining;
using HoopOrleans.Processes;
using HoopOrleans.Sessions;
using HoopOrleans.Storage;
using HoopOrleans.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Hosting;

public static class SessionSiloBuilderExtensions
{
    /// <summary>
    /// Adds what a silo needs to run sessions: connections, run limits and the process runner's
    /// tuning from configuration (validated at start-up), the process runner and placement. Grain
    /// storage is the host's choice.
    /// </summary>
    public static ISiloBuilder AddHoopSessions(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.AddValidatedOptions<HoopSessionOptions, HoopSessionOptionsValidator>(silo.Configuration.GetSection(HoopSessionOptions.Section));
        services.AddValidatedOptions<Dictionary<string, ConnectionOptions>, ConnectionsValidator>(silo.Configuration.GetSection(ConnectionOptions.Section));
        services.AddSingleton<IValidateOptions<Dictionary<string, ConnectionOptions>>, ConnectionLimitsValidator>();
        services.AddValidatedOptions<RunSecurityOptions, RunSecurityOptionsValidator>(silo.Configuration.GetSection(RunSecurityOptions.Section));
        services.AddValidatedOptions<ProcessRunnerOptions, ProcessRunnerOptionsValidator>(silo.Configuration.GetSection(ProcessRunnerOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ConfiguredConnections>();

        // The store keeps the callers' uids (UseInMemorySessions, UsePostgresSessions); a host that
        // brings only grain storage of its own keeps them beside the homes, as the embedded default does.
        services.TryAddSingleton<IRunUids, HomeRootRunUids>();
        services.AddSingleton<RunAccounts>();
        services.AddSingleton<SessionAudit>();
        services.AddFinalStateRetry();
        services.AddSingleton<ProcessEventLoop>();
        services.AddSingleton<OrphanGuard>();
        services.AddSingleton<RunLauncher>();
        services.AddSingleton(provider =>
        {
            var runs = provider.GetRequiredService<IOptions<HoopSessionOptions>>().Value;
            return new RunnerLimits(runs.MaxConcurrentRuns, runs.MaxOutputBytes);
        });
        services.AddSingleton<ProcessRunner>();

        // Session grains are placed past draining silos; a host that knows the cluster's draining
        // silos (PostgreSQL) registers its own view first, the others see only their own silo.
        services.AddSingleton<SiloDrainState>();
        services.TryAddSingleton<IDrainingSilos, LocalDrainingSilos>();

        // Where each connection is hosted: a PostgreSQL cluster's silos advertise theirs
        // (UsePostgresConnections, registered first); otherwise every silo hosts every connection.
        services.TryAddSingleton<IConnectionDirectory, LocalConnectionDirectory>();
        services.AddPlacementDirector<RunPlacement, RunPlacementDirector>();
        return silo;
    }
}
