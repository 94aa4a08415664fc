using HoopOrleans.Sessions;

namespace HoopOrleans.Catalog;

/// <summary>
/// The embedded default's catalog: every session of this process, by start time. It holds the
/// very records the grains hold, so it costs an index entry per session, not a copy of its output.
/// A page costs a walk over the matching sessions up to the page's end; the total, one over all of them.
/// </summary>
public sealed class InMemorySessionCatalog : ISessionCatalog
{
    private static readonly IComparer<(DateTimeOffset Start, string Id)> NewestFirst =
        Comparer<(DateTimeOffset Start, string Id)>.Create((a, b) =>
            b.Start.CompareTo(a.Start) is var byStart and not 0 ? byStart : string.CompareOrdinal(b.Id, a.Id));

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SessionRecord> _byId = new(StringComparer.Ordinal);
    private readonly SortedSet<(DateTimeOffset Start, string Id)> _byStart = new(NewestFirst);

    public void Record(SessionRecord session)
    {
        lock (_gate)
        {
            if (_byId.TryAdd(session.Id, session))
            {
                _byStart.Add((session.StartDate, session.Id));
            }
            else
            {
                _byId[session.Id] = session;
            }
        }
    }

    public Task<SessionPage> ListAsync(SessionQuery query, CancellationToken cancellationToken)
    {
        var page = new List<SessionRecord>(query.Limit);
        long total = 0;
        lock (_gate)
        {
            foreach (var (_, id) in _byStart)
            {
                var session = _byId[id];
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
}
