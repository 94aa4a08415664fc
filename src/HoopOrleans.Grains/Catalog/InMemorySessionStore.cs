using HoopOrleans.Sessions;
using Orleans.Storage;

namespace HoopOrleans.Catalog;

/// <summary>
/// The embedded default's sessions: the session grains' storage and the listing's index in one.
/// Records are immutable, so the store keeps the very record a grain wrote, with no copy, no
/// per-session key string and no hop through a storage grain; a session costs one dictionary
/// entry and one index entry. A page costs a walk over the matching sessions up to the page's
/// end; the total, one over all of them.
/// </summary>
public sealed class InMemorySessionStore : IGrainStorage, ISessionCatalog
{
    private static readonly IComparer<(DateTimeOffset Start, string Id)> NewestFirst =
        Comparer<(DateTimeOffset Start, string Id)>.Create((a, b) =>
            b.Start.CompareTo(a.Start) is var byStart and not 0 ? byStart : string.CompareOrdinal(b.Id, a.Id));

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (SessionRecord Session, int Version)> _byId = new(StringComparer.Ordinal);
    private readonly SortedSet<(DateTimeOffset Start, string Id)> _byStart = new(NewestFirst);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var holder = SessionState.Of(grainState);
        (SessionRecord Session, int Version) stored;
        bool found;
        lock (_gate)
        {
            found = _byId.TryGetValue(grainId.Key.ToString()!, out stored);
        }

        holder.Session = found ? stored.Session : null;
        grainState.ETag = found ? Etag(stored.Version) : null;
        grainState.RecordExists = found;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var session = SessionState.Of(grainState).Session ?? throw new ArgumentException("A session grain writes only once it has a session.");
        int version;
        lock (_gate)
        {
            var known = _byId.TryGetValue(session.Id, out var stored);
            if (grainState.ETag != (known ? Etag(stored.Version) : null))
            {
                throw new InconsistentStateException($"Session {session.Id} was written by someone else", known ? Etag(stored.Version) : "(none)", grainState.ETag ?? "(none)");
            }

            version = known ? stored.Version + 1 : 1;
            _byId[session.Id] = (session, version);
            if (!known)
            {
                _byStart.Add((session.StartDate, session.Id));
            }
        }

        grainState.ETag = Etag(version);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var id = grainId.Key.ToString()!;
        lock (_gate)
        {
            if (_byId.Remove(id, out var stored))
            {
                _byStart.Remove((stored.Session.StartDate, stored.Session.Id));
            }
        }

        SessionState.Of(grainState).Session = null;
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    public Task<SessionPage> ListAsync(SessionQuery query, CancellationToken cancellationToken)
    {
        var page = new List<SessionRecord>(query.Limit);
        long total = 0;
        lock (_gate)
        {
            foreach (var (_, id) in _byStart)
            {
                var session = _byId[id].Session;
                if (!query.Matches(session))
                {
                    continue;
                }

                if (total >= query.Offset && page.Count < query.Limit)
                {
                    page.Add(session);
                }

                total++;
            }
        }

        return Task.FromResult(new SessionPage(page, total, query.Offset + page.Count < total));
    }

    private static string Etag(int version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
