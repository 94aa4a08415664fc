using HoopOrleans.Connections;
using HoopOrleans.Hosting;
using HoopOrleans.Operations.Dashboard;
using HoopOrleans.Storage.Postgres;

namespace HoopOrleans.Api.Hosting;

internal static class OrleansFrontEndExtensions
{
    /// <summary>
    /// Connects the front end to Orleans as <c>Orleans:Mode</c> says. Embedded: a silo in this very
    /// process, so one <c>dotnet run</c> needs nothing else. Postgres: a pure cluster client that
    /// finds the gateways in the membership table, and lists sessions from the table the silos
    /// write. The endpoints only use <see cref="IGrainFactory"/> and the listing, which either provides.
    /// </summary>
    public static WebApplicationBuilder AddOrleansFrontEnd(this WebApplicationBuilder builder)
    {
        var cluster = HoopClusterSettings.Read(builder.Configuration);
        if (cluster.Mode == ClusterMode.Embedded)
        {
            builder.AddHoopSilo((silo, settings) => silo.AddHoopDashboard(settings));
            return builder;
        }

        // Added before the client, so the schema is in place when the client first reads membership.
        builder.Services.AddPostgresSessionListing(HoopClusterSettings.PostgresConnectionString(builder.Configuration));

        // The connections come from what the silos advertise: a front end has no settings of its own for them.
        builder.Services.AddPostgresConnectionDirectory();
        builder.UseOrleansClient(client => client.UseHoopCluster(cluster, builder.Configuration).AddHoopDashboard(cluster));
        return builder;
    }
}
