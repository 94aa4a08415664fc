using System.Net;
using HoopOrleans.Storage;
using HoopOrleans.Draining;
using HoopOrleans.Postgres;
using HoopOrleans.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;

namespace HoopOrleans.Hosting;

public static class HoopSiloBuilderExtensions
{
    /// <summary>
    /// Makes this host a HoopOrleans silo, configured from <c>Orleans:*</c>: clustering and storage
    /// for the chosen mode, failure detection, sessions, and their retention (<c>Retention:*</c>),
    /// swept by every silo of the store it uses. The embedded front end and the silo host share it,
    /// so they cannot drift apart.
    /// </summary>
    public static IHostApplicationBuilder AddHoopSilo(this IHostApplicationBuilder builder)
    {
        var cluster = HoopClusterSettings.Read(builder.Configuration);
        if (cluster.Mode == ClusterMode.Postgres)
        {
            // Registered before Orleans, so the schema is in place when membership first reads it.
            builder.Services.AddHoopPostgres(HoopClusterSettings.PostgresConnectionString(builder.Configuration));
        }

        AddDraining(builder, cluster);

        builder.UseOrleans(silo =>
        {
            silo.Configure<SiloOptions>(options => options.SiloName = $"{Environment.MachineName}:{cluster.SiloPort}");
            silo.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = SessionLimits.CallTimeout);
            silo.AddOutgoingGrainCallFilter<RejectedCallRetry>();
            silo.Services.AddOptions<ClusterMembershipOptions>()
                .Configure(FastFailureDetection)
                .Bind(builder.Configuration.GetSection($"{HoopClusterOptions.Section}:Membership"));

            switch (cluster.Mode)
            {
                case ClusterMode.Embedded:
                    // No gateway: the front end is in this process. The silo port listens on
                    // 127.0.0.1 only and speaks TLS with a certificate that exists only in memory.
                    silo.UseLocalhostClustering(cluster.SiloPort, gatewayPort: 0, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                    silo.UseTls(OrleansTransportSecurity.Pinned().Configure);
                    silo.Services.AddSingleton(services => new InMemorySessionStore(services.GetRequiredService<IOptions<RetentionOptions>>().Value.MaxStoredBytes));
                    silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Sessions, (services, _) => services.GetRequiredService<InMemorySessionStore>());
                    silo.Services.AddSingleton<ISessionListing>(services => services.GetRequiredService<InMemorySessionStore>());
                    silo.Services.AddHostedService<InMemoryRetentionSweeper>();
                    break;
                case ClusterMode.Postgres:
                    silo.Configure<ClusterOptions>(options =>
                    {
                        options.ServiceId = cluster.ServiceId;
                        options.ClusterId = cluster.ClusterId;
                    });
                    if (cluster.AdvertisedAddress is { } advertised)
                    {
                        silo.ConfigureEndpoints(IPAddress.Parse(advertised), cluster.SiloPort, cluster.GatewayPort);
                    }
                    else
                    {
                        silo.ConfigureEndpoints(cluster.SiloPort, cluster.GatewayPort);
                    }

                    silo.UseTls(OrleansTransportSecurity.FromFiles(builder.Configuration).Configure);
                    silo.UseAdoNetClustering(options =>
                    {
                        options.Invariant = PostgresServiceCollectionExtensions.Invariant;
                        options.ConnectionString = HoopClusterSettings.PostgresConnectionString(builder.Configuration);
                    });
                    // The default directory deactivates every activation whose directory entry lived on
                    // a silo that died, which would kill healthy runs on the surviving silos. This one
                    // rebuilds the lost directory range from the activations that still exist instead.
#pragma warning disable ORLEANSEXP003
                    silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
                    silo.Services.AddOptions<GrainDirectoryOptions>()
                        .Configure(ShortDeadSiloLease)
                        .Bind(builder.Configuration.GetSection($"{HoopClusterOptions.Section}:Directory"));
                    silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Sessions, (services, _) => services.GetRequiredService<PostgresSessionStorage>());
                    silo.Services.AddHostedService<LostSessionSweeper>();
                    silo.Services.AddHostedService<PostgresRetentionSweeper>();
                    silo.Services.AddSingleton<PostgresDrainingSilos>();
                    silo.Services.AddSingleton<IDrainingSilos>(services => services.GetRequiredService<PostgresDrainingSilos>());
                    silo.Services.AddHostedService(services => services.GetRequiredService<PostgresDrainingSilos>());
                    break;
            }

            silo.Services.AddValidatedOptions<RetentionOptions, RetentionOptionsValidator>(builder.Configuration.GetSection(RetentionOptions.Section));
            silo.AddHoopSessions();
        });
        return builder;
    }

    /// <summary>
    /// A silo asked to stop drains first (<see cref="DrainOnStop"/>), inside the host's shutdown:
    /// its timeout is the drain timeout plus what the silo then needs to end the runs left, store
    /// their results and leave the cluster.
    /// </summary>
    private static void AddDraining(IHostApplicationBuilder builder, HoopClusterOptions cluster)
    {
        builder.Services.AddSingleton(Options.Create(cluster));
        builder.Services.AddHostedService<DrainOnStop>();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = cluster.DrainTimeout + ShutdownMargin);
    }

    /// <summary>Ending the runs left (a kill's grace), storing their results, leaving the cluster.</summary>
    private static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After a silo is declared dead, the directory keeps its grains unregistrable for what is left
    /// of this lease after failure detection, in case the silo is cut off rather than dead and
    /// still serving them. A silo declared dead learns it within seconds and stops, so the default
    /// 30 s only keeps the lost sessions unreadable longer. <c>Orleans:Directory:*</c> overrides it.
    /// </summary>
    private static void ShortDeadSiloLease(GrainDirectoryOptions options) =>
        options.RangeLeaseDuration = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A dead silo is declared dead after about three missed one-second probes instead of the
    /// default 5 s × 3: on one host, a killed silo refuses connections at once, so waiting longer
    /// only keeps its sessions unreachable. <c>Orleans:Membership:*</c> overrides these.
    /// </summary>
    private static void FastFailureDetection(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 3;
    }
}
