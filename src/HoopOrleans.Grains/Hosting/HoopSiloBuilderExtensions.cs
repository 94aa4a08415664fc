using HoopOrleans.Connections;
using HoopOrleans.Storage;
using HoopOrleans.Storage.InMemory;
using HoopOrleans.Draining;
using HoopOrleans.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace HoopOrleans.Hosting;

public static class HoopSiloBuilderExtensions
{
    /// <summary>
    /// Makes this host a HoopOrleans silo, configured from <c>Orleans:*</c>: clustering and storage
    /// for the chosen mode, failure detection, sessions, and their retention (<c>Retention:*</c>),
    /// swept by every silo of the store it uses. The embedded front end and the silo host share it,
    /// so they cannot drift apart.
    /// </summary>
    /// <param name="operations">What the host adds to its silo for operators (the dashboard), which this library knows nothing of.</param>
    public static IHostApplicationBuilder AddHoopSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder, HoopClusterOptions>? operations = null)
    {
        var cluster = HoopClusterSettings.Read(builder.Configuration);
        AddDraining(builder, cluster);
        builder.UseOrleans(silo =>
        {
            silo.Configure<SiloOptions>(options => options.SiloName = $"{Environment.MachineName}:{cluster.SiloPort}");
            silo.UseHoopCluster(cluster, builder.Configuration);
            silo.Services.AddOptions<ClusterMembershipOptions>()
                .Configure(FastFailureDetection)
                .Bind(builder.Configuration.GetSection($"{HoopClusterOptions.Section}:Membership"));
            silo.Services.AddValidatedOptions<RetentionOptions, RetentionOptionsValidator>(builder.Configuration.GetSection(RetentionOptions.Section));
            silo.Services.AddOptions<GrainDirectoryOptions>()
                .Configure(BoundedDirectoryCache)
                .Bind(builder.Configuration.GetSection($"{HoopClusterOptions.Section}:Directory"));
            switch (cluster.Mode)
            {
                case ClusterMode.Embedded:
                    silo.UseInMemorySessions();
                    break;
                case ClusterMode.Postgres:
                    silo.UsePostgresSessions(HoopClusterSettings.PostgresConnectionString(builder.Configuration));
                    AddClusterDirectory(silo, builder.Configuration);
                    silo.Services.AddSingleton<PostgresDrainingSilos>();
                    silo.Services.AddSingleton<IDrainingSilos>(services => services.GetRequiredService<PostgresDrainingSilos>());
                    silo.Services.AddHostedService(services => services.GetRequiredService<PostgresDrainingSilos>());
                    silo.Services.AddPostgresConnectionDirectory(onSilo: true);
                    silo.Services.AddSingleton<PostgresConnectionAdvert>();
                    silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<PostgresConnectionAdvert>());
                    break;
            }

            silo.AddHoopSessions();
            operations?.Invoke(silo, cluster);
        });
        return builder;
    }

    /// <summary>
    /// The default directory deactivates every activation whose directory entry lived on a silo
    /// that died, which would kill healthy runs on the surviving silos. This one rebuilds the lost
    /// directory range from the activations that still exist instead.
    /// </summary>
    private static void AddClusterDirectory(ISiloBuilder silo, IConfiguration configuration)
    {
#pragma warning disable ORLEANSEXP003
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        silo.Services.AddOptions<GrainDirectoryOptions>()
            .Configure(ShortDeadSiloLease)
            .Bind(configuration.GetSection($"{HoopClusterOptions.Section}:Directory"));
    }

    /// <summary>
    /// Orleans keeps where each grain it called lives in an LRU cache of up to a million entries,
    /// and a session's entry outlives its activation: every finished session kept about 240 bytes
    /// there (B6), for a grain whose next read activates it anew anyway. Ten thousand entries cover
    /// the sessions being run, polled and streamed; a miss is one directory lookup.
    /// <c>Orleans:Directory:CacheSize</c> overrides it.
    /// </summary>
    private static void BoundedDirectoryCache(GrainDirectoryOptions options) => options.CacheSize = 10_000;

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
