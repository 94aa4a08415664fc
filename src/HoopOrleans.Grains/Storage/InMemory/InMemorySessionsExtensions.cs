using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HoopOrleans.Sessions;
using Orleans.Storage;

namespace HoopOrleans.Storage.InMemory;

/// <summary>The embedded default's session store: this process's memory, nothing durable but the run uids (kept beside their homes).</summary>
public static class InMemorySessionsExtensions
{
    /// <summary>
    /// Keeps this silo's sessions in memory: one store is the grain storage and the listing's index,
    /// kept under <c>Retention:MaxStoredBytes</c> at every write and swept for age on a timer, where
    /// the review expiry sweep also finds the sessions that waited too long for their review. The
    /// uids given to each connection's callers outlive the process, beside their homes.
    /// </summary>
    public static ISiloBuilder UseInMemorySessions(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.AddSingleton(provider => new InMemorySessionStore(provider.GetRequiredService<IOptions<RetentionOptions>>().Value.MaxStoredBytes));
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Sessions, (provider, _) => provider.GetRequiredService<InMemorySessionStore>());
        services.AddSingleton<ISessionListing>(provider => provider.GetRequiredService<InMemorySessionStore>());
        services.AddSingleton<ISessionStoreHealth, InMemoryStoreHealth>();
        services.AddSingleton<IWaitingReviews>(provider => provider.GetRequiredService<InMemorySessionStore>());
        services.AddSingleton<IRunUids, HomeRootRunUids>();
        services.AddHostedService<InMemoryRetentionSweeper>();
        services.AddHostedService<ReviewExpirySweeper>();
        return silo;
    }
}
