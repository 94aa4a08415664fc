using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using HoopOrleans.Catalog;
using Npgsql;

namespace HoopOrleans.Postgres;

public static class PostgresServiceCollectionExtensions
{
    /// <summary>The ADO.NET invariant name Orleans' clustering provider looks Npgsql up by.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Adds the PostgreSQL data source, the session storage and the start-up schema migration.
    /// Call it before Orleans is added, so the migration runs first.
    /// </summary>
    public static IServiceCollection AddHoopPostgres(this IServiceCollection services, string connectionString)
    {
        DbProviderFactories.RegisterFactory(Invariant, NpgsqlFactory.Instance);
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<PostgresSessionStorage>();
        services.AddSingleton<ISessionCatalog, PostgresSessionCatalog>();
        services.AddHostedService<SchemaMigrationService>();
        return services;
    }
}
