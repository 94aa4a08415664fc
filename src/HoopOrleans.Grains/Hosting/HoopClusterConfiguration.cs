using System.Data.Common;
using System.Net;
using HoopOrleans.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;

namespace HoopOrleans.Hosting;

/// <summary>
/// How a node joins the cluster that <c>Orleans:*</c> describes, written once for both kinds of
/// node: a silo (<see cref="UseHoopCluster(ISiloBuilder, HoopClusterOptions, IConfiguration)"/>) and
/// a front end that is a cluster client (<see cref="UseHoopCluster(IClientBuilder, HoopClusterOptions, IConfiguration)"/>).
/// Both name the same service and cluster, find each other in the same membership table, speak the
/// same mutual TLS, give every call the same timeout and send again a call the runtime rejected.
/// Both carry the caller's trace into grain calls (<c>AddActivityPropagation</c>), so a request's
/// trace runs from the front end's HTTP span into the session's grain on whichever silo; it costs a
/// check per call while no tracer listens.
/// </summary>
public static class HoopClusterConfiguration
{
    /// <summary>The ADO.NET invariant name Orleans' clustering provider looks Npgsql up by.</summary>
    public const string PostgresInvariant = "Npgsql";

    private static readonly TimeSpan ConnectRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>A silo of the cluster: the embedded default's one localhost silo, or a member of a PostgreSQL cluster.</summary>
    public static ISiloBuilder UseHoopCluster(this ISiloBuilder silo, HoopClusterOptions cluster, IConfiguration configuration)
    {
        Shared<SiloMessagingOptions>(silo.Services, cluster);
        silo.AddActivityPropagation();
        if (cluster.Mode == ClusterMode.Embedded)
        {
            // No gateway: the front end is in this process. The silo port listens on 127.0.0.1 only
            // and speaks TLS with a certificate that exists only in memory.
            silo.UseLocalhostClustering(cluster.SiloPort, gatewayPort: 0, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
            silo.UseTls(OrleansTransportSecurity.Pinned().Configure);
            return silo;
        }

        if (cluster.AdvertisedAddress is { } advertised)
        {
            silo.ConfigureEndpoints(IPAddress.Parse(advertised), cluster.SiloPort, cluster.GatewayPort);
        }
        else
        {
            silo.ConfigureEndpoints(cluster.SiloPort, cluster.GatewayPort);
        }

        // Not Orleans' UseTls: that gives the silo port and the gateway one validation, and a
        // front end's certificate must not pass on the silo port.
        silo.Configure<SiloConnectionOptions>(OrleansTransportSecurity.FromFiles(configuration, CertificateRole.Silo).ConfigureSilo);
        var membership = PostgresMembership(configuration);
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresInvariant;
            options.ConnectionString = membership;
        });
        return silo;
    }

    /// <summary>A front end of a PostgreSQL cluster: a client that finds the silos' gateways in the membership table.</summary>
    public static IClientBuilder UseHoopCluster(this IClientBuilder client, HoopClusterOptions cluster, IConfiguration configuration)
    {
        Shared<ClientMessagingOptions>(client.Services, cluster);
        client.AddActivityPropagation();
        client.Configure<ClientConnectionOptions>(OrleansTransportSecurity.FromFiles(configuration, CertificateRole.Client).ConfigureClient);
        var membership = PostgresMembership(configuration);
        client.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresInvariant;
            options.ConnectionString = membership;
        });

        // New silos become gateways within seconds instead of the default minute.
        client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));

        // A front end may start before any silo: it waits for one instead of failing.
        client.UseConnectionRetryFilter(async (_, cancellationToken) =>
        {
            await Task.Delay(ConnectRetryDelay, cancellationToken);
            return true;
        });
        return client;
    }

    /// <summary>The membership table's database; Orleans' clustering provider finds Npgsql by <see cref="PostgresInvariant"/>.</summary>
    private static string PostgresMembership(IConfiguration configuration)
    {
        DbProviderFactories.RegisterFactory(PostgresInvariant, NpgsqlFactory.Instance);
        return HoopClusterSettings.PostgresConnectionString(configuration);
    }

    /// <summary>What silos and clients share, whatever the mode.</summary>
    private static void Shared<TMessaging>(IServiceCollection services, HoopClusterOptions cluster)
        where TMessaging : MessagingOptions
    {
        services.Configure<ClusterOptions>(options =>
        {
            options.ServiceId = cluster.ServiceId;
            options.ClusterId = cluster.ClusterId;
        });
        services.Configure<TMessaging>(options => options.ResponseTimeout = SessionLimits.CallTimeout);
        services.AddSingleton<IOutgoingGrainCallFilter, RejectedCallRetry>();
        CarryDriverExceptions(services);
    }

    /// <summary>
    /// Lets Npgsql's exceptions cross between nodes. Orleans' own code on a silo (the grain
    /// directory refreshing membership, the management grain reading it) can fail with the
    /// driver's exception while PostgreSQL restarts; without a codec for it the answer itself
    /// failed to serialize and the caller met a <c>CodecNotFoundException</c>, which a front end
    /// could only answer <c>500</c>. Carried, it arrives as the <see cref="DbException"/> it is,
    /// which every layer above knows as "the store failed, 503". Nodes trust each other (mutual
    /// TLS), and no exception's text ever reaches a client.
    /// </summary>
    internal static void CarryDriverExceptions(IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(options => options.SupportedNamespacePrefixes.Add(PostgresInvariant));
}
