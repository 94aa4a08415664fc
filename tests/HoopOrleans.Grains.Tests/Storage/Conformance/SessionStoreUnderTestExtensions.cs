using HoopOrleans.Sessions;
using HoopOrleans.Storage;

namespace HoopOrleans.Grains.Tests.Storage.Conformance;

/// <summary>
/// The calls a session grain makes on its storage, and a front end's on the listing, as the
/// conformance cases make them: a grain's state object, keyed by the session id, under one state name.
/// </summary>
public static class SessionStoreUnderTestExtensions
{
    private const string StateName = "session";

    public static GrainId GrainIdOf(string id) => GrainId.Create("session", id);

    /// <summary>A state object as a new activation has it before its first read: no session, no etag.</summary>
    public static GrainState<SessionGrainState> EmptyState() => new(new SessionGrainState());

    /// <summary>A state object holding <paramref name="session"/>, with the etag it was read with.</summary>
    public static GrainState<SessionGrainState> StateOf(SessionRecord session, string? etag = null) =>
        new(new SessionGrainState { Session = session }) { ETag = etag };

    /// <summary>Reads <paramref name="id"/> into a fresh state object, as a new activation does.</summary>
    public static async Task<GrainState<SessionGrainState>> ReadAsync(this ISessionStoreUnderTest store, string id)
    {
        var state = EmptyState();
        await store.ReadIntoAsync(id, state);
        return state;
    }

    /// <summary>Reads <paramref name="id"/> into <paramref name="state"/>, as a live activation refreshes its own.</summary>
    public static Task ReadIntoAsync(this ISessionStoreUnderTest store, string id, GrainState<SessionGrainState> state) =>
        store.Storage.ReadStateAsync(StateName, GrainIdOf(id), state);

    /// <summary>Writes the session <paramref name="state"/> holds, with the etag it holds.</summary>
    public static Task WriteAsync(this ISessionStoreUnderTest store, GrainState<SessionGrainState> state) =>
        store.Storage.WriteStateAsync(StateName, GrainIdOf(state.State!.Session!.Id), state);

    /// <summary>Stores <paramref name="session"/> as its grain's first write does; returns the state, with the etag the write set.</summary>
    public static async Task<GrainState<SessionGrainState>> StoreAsync(this ISessionStoreUnderTest store, SessionRecord session)
    {
        var state = StateOf(session);
        await store.WriteAsync(state);
        return state;
    }

    /// <summary>Clears <paramref name="id"/> with the etag <paramref name="state"/> holds, as a grain deleting its session does.</summary>
    public static Task ClearAsync(this ISessionStoreUnderTest store, string id, GrainState<SessionGrainState> state) =>
        store.Storage.ClearStateAsync(StateName, GrainIdOf(id), state);

    public static Task<SessionPage> ListAsync(this ISessionStoreUnderTest store, SessionQuery query) =>
        store.Listing.ListAsync(query, CancellationToken.None);

    /// <summary>The ids of every stored session the listing shows, in its order (newest first).</summary>
    public static async Task<string[]> ListedIdsAsync(this ISessionStoreUnderTest store) =>
        [.. (await store.ListAsync(new SessionQuery { Limit = 1000, Count = SessionCount.None })).Sessions.Select(listed => listed.Session.Id)];
}
