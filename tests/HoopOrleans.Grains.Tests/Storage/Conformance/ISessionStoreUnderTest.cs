using HoopOrleans.Sessions;
using HoopOrleans.Storage;
using Orleans.Storage;

namespace HoopOrleans.Grains.Tests.Storage.Conformance;

/// <summary>
/// A session store as the conformance cases drive it: its grain storage, its listing and its
/// retention sweeper, stood up empty. Each store says here how to stand it up; the cases
/// (<see cref="SessionStoreConformance"/>, <see cref="SessionStoreOutageConformance"/>) are the
/// same for every store, so every store keeps the one contract.
/// </summary>
public interface ISessionStoreUnderTest : IAsyncDisposable
{
    /// <summary>The session grains' storage; valid once <see cref="StartAsync"/> has run.</summary>
    IGrainStorage Storage { get; }

    /// <summary>The listing of the same sessions; valid once <see cref="StartAsync"/> has run.</summary>
    ISessionListing Listing { get; }

    /// <summary>The store's finder of sessions waiting for review; valid once <see cref="StartAsync"/> has run.</summary>
    IWaitingReviews WaitingReviews { get; }

    /// <summary>The store's run uids, one per (connection, caller); valid once <see cref="StartAsync"/> has run.</summary>
    IRunUids RunUids { get; }

    /// <summary>
    /// Whether the store depends on a service that can be down (a database server). A store that
    /// keeps its sessions in this process's memory has none, and so no outage to test.
    /// </summary>
    bool CanHaveOutage { get; }

    /// <summary>Stands up an empty store.</summary>
    Task StartAsync();

    /// <summary>Stores <paramref name="count"/> sessions like <paramref name="session"/>, each under an id of its own, as that many first writes would.</summary>
    Task AddManyAsync(SessionRecord session, int count);

    /// <summary>The store's own retention sweeper, deleting finished sessions older than <paramref name="maxAge"/> by <paramref name="time"/>'s clock.</summary>
    RetentionSweeper Sweeper(TimeSpan maxAge, TimeProvider time);

    /// <summary>Stops the service the store depends on, as an outage would; only when <see cref="CanHaveOutage"/>.</summary>
    Task StopBackingServiceAsync();

    /// <summary>Starts that service again after <see cref="StopBackingServiceAsync"/>.</summary>
    Task StartBackingServiceAsync();
}
