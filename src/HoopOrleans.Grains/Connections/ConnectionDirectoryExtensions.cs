using Microsoft.Extensions.DependencyInjection;

namespace HoopOrleans.Connections;

public static class ConnectionDirectoryExtensions
{
    /// <summary>
    /// The cluster's connections as its silos advertise them in PostgreSQL (<see cref="PostgresConnectionDirectory"/>):
    /// for a silo (whose placement reads it) and for a front end (which checks, lists and places
    /// by it, with no connection settings of its own). The store's data source must be registered.
    /// A silo reads it in its own lifecycle, before it becomes active; a front end as a hosted service.
    /// </summary>
    public static IServiceCollection AddPostgresConnectionDirectory(this IServiceCollection services, bool onSilo)
    {
        services.AddSingleton<PostgresConnectionDirectory>();
        services.AddSingleton<IConnectionDirectory>(provider => provider.GetRequiredService<PostgresConnectionDirectory>());
        if (onSilo)
        {
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<PostgresConnectionDirectory>());
        }
        else
        {
            services.AddHostedService(provider => provider.GetRequiredService<PostgresConnectionDirectory>());
        }

        return services;
    }
}
