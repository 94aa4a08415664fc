using HoopOrleans.Hosting;
using HoopOrleans.Postgres;
using Orleans.Configuration;

namespace HoopOrleans.Api.Hosting;

internal static class OrleansFrontEndExtensions
{
    private static readonly TimeSpan ConnectRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Connects the front end to Orleans as <c>Orleans:Mode</c> says. Embedded: a silo in this very
    /// process, so one <c>dotnet run</c> needs nothing else. Postgres: a pure cluster client that
    /// finds the gateways in the membership table. The endpoints only use <see cref="IGrainFactory"/>,
    /// which either provides.
    /// </summary>
    public static WebApplicationBuilder AddOrleansFrontEnd(this WebApplicationBuilder builder)
    {
        var cluster = HoopClusterSettings.Read(builder.Configuration);
        if (cluster.Mode == ClusterMode.Embedded)
        {
            builder.AddHoopSilo();
            return builder;
        }

        var connectionString = HoopClusterSettings.PostgresConnectionString(builder.Configuration);
        builder.Services.AddHoopPostgres(connectionString);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ServiceId = cluster.ServiceId;
                options.ClusterId = cluster.ClusterId;
            });
            client.UseTls(OrleansTransportSecurity.FromFiles(builder.Configuration).Configure);
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = PostgresServiceCollectionExtensions.Invariant;
                options.ConnectionString = connectionString;
            });

            client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = HoopOrleans.Sessions.SessionLimits.CallTimeout);
            client.AddOutgoingGrainCallFilter<RejectedCallRetry>();

            // New silos become gateways within seconds instead of the default minute.
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));

            // A front end may start before any silo: it waits for one instead of failing.
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(ConnectRetryDelay, cancellationToken);
                return true;
            });
        });
        return builder;
    }
}
