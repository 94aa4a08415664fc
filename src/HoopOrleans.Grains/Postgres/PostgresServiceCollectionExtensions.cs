using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using HoopOrleans.Storage;
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
        services.AddSingleton(_ => NpgsqlDataSource.Create(Tuned(connectionString)));
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<PostgresSessionStorage>();
        services.AddSingleton<ISessionListing, PostgresSessionListing>();
        services.AddHostedService<SchemaMigrationService>();
        return services;
    }

    /// <summary>
    /// Every run executes the same few statements, so each pooled connection prepares them once and
    /// PostgreSQL stops parsing and planning them per run. No connection carries session state (the
    /// migration's lock ends with its transaction), so a connection returned to the pool needs no
    /// reset, which would also throw those plans away. Settings the connection string names win.
    /// </summary>
    internal static string Tuned(string connectionString)
    {
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(key => key.Replace(" ", "")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!named.Contains(nameof(builder.MaxAutoPrepare)))
        {
            builder.MaxAutoPrepare = 32;
        }

        if (!named.Contains(nameof(builder.NoResetOnClose)))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
