using HoopOrleans.Storage;
using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Catalog;

/// <summary>
/// A session catalog and the store it lists, as the shared catalog cases drive them: the same
/// cases run against the in-memory store and against PostgreSQL, so both answer alike.
/// </summary>
public interface ICatalogUnderTest : IAsyncDisposable
{
    /// <summary>The catalog under test; valid once <see cref="StartAsync"/> has run.</summary>
    ISessionListing Catalog { get; }

    /// <summary>Stands up an empty store.</summary>
    Task StartAsync();

    /// <summary>Stores <paramref name="session"/> as its grain's first write does.</summary>
    Task AddAsync(SessionRecord session);

    /// <summary>Stores <paramref name="count"/> sessions like <paramref name="session"/>, each under an id of its own.</summary>
    Task AddManyAsync(SessionRecord session, int count);
}
