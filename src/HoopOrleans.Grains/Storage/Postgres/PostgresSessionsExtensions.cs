using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using HoopOrleans.Sessions;
using Orleans.Storage;

namespace HoopOrleans.Storage.Postgres;

/// <summary>PostgreSQL as the session store: the <c>sessions</c> table, its listing, retention and migrations.</summary>
public static class PostgresSessionsExtensions
{
    /// <summary>
    /// Keeps this silo's sessions in PostgreSQL: grain storage, the listing, the retention sweep,
    /// the sweep that settles the sessions of silos that died, the sweep that expires reviews
    /// waiting past <c>Retention:ReviewMaxAge</c>, the uids of each connection's callers (shared by
    /// every silo), and the schema migrated before the
    /// silo starts. Every silo of a cluster sweeps; they never delete a row twice.
    /// </summary>
    public static ISiloBuilder UsePostgresSessions(this ISiloBuilder silo, string connectionString)
    {
        var services = silo.Services;
        AddStore(services, connectionString);
        services.TryAddSingleton<SchemaMigrationService>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<SchemaMigrationService>());
        services.AddSingleton<PostgresSessionStorage>();
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Sessions, (provider, _) => provider.GetRequiredService<PostgresSessionStorage>());
        services.AddHostedService<LostSessionSweeper>();
        services.AddHostedService<PostgresRetentionSweeper>();
        services.AddSingleton<IWaitingReviews, PostgresWaitingReviews>();
        services.AddSingleton<IRunUids, PostgresRunUids>();
        services.AddHostedService<ReviewExpirySweeper>();
        return silo;
    }

    /// <summary>
    /// The listing of a front end that is a cluster client: it reads the table the silos write, and
    /// migrates the schema before the client first reads the membership table (add it before the client).
    /// </summary>
    public static IServiceCollection AddPostgresSessionListing(this IServiceCollection services, string connectionString)
    {
        AddStore(services, connectionString);
        services.AddHostedService<SchemaMigrationService>();
        return services;
    }

    private static void AddStore(IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(Tuned(connectionString)));
        services.TryAddSingleton<SchemaMigrator>();
        services.TryAddSingleton<ISessionListing, PostgresSessionListing>();
        services.TryAddSingleton<ISessionStoreHealth, PostgresStoreHealth>();
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
