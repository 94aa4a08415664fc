using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HoopOrleans.Connections;

public static class ConnectionDirectoryExtensions
{
    /// <summary>
    /// The cluster's connections as its silos advertise them in PostgreSQL (<see cref="PostgresConnectionDirectory"/>):
    /// for a silo (whose placement reads it) and for a front end (which checks, lists and places
    /// by it, with no connection settings of its own). The store's data source must be registered.
    /// </summary>
    public static IServiceCollection AddPostgresConnectionDirectory(this IServiceCollection services)
    {
        services.AddSingleton<PostgresConnectionDirectory>();
        services.AddSingleton<IConnectionDirectory>(provider => provider.GetRequiredService<PostgresConnectionDirectory>());
        services.AddHostedService(provider => provider.GetRequiredService<PostgresConnectionDirectory>());
        return services;
    }
}
