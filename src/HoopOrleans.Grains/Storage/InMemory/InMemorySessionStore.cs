using HoopOrleans.Sessions;
using HoopOrleans.Telemetry;
using Orleans.Storage;

namespace HoopOrleans.Storage.InMemory;

/// <summary>
/// The embedded default's sessions: the session grains' storage and the listing's index in one.
/// Records are immutable, so the store keeps the very record a grain wrote, with no copy, no
/// per-session key string and no hop through a storage grain; a session costs one dictionary
/// entry, one index entry and, once done, one entry in its user's finished sessions
/// (<see cref="FinishedByUser"/>), which both retention's age sweep and the byte cap walk (or,
/// while it waits for its review, one in the waiting index review expiry walks). A page
/// costs a walk over the sessions up to the page's end, then on to the count's cap (or to the
/// end, when counted exactly).
/// </summary>
/// <param name="maxStoredBytes">
/// <c>Retention:MaxStoredBytes</c>: past it, after a write, finished sessions are deleted until the
/// store is back under it or holds no finished session, each time the oldest of the user whose
/// finished sessions take the most bytes (<see cref="FinishedByUser"/>).
/// </param>
public sealed class InMemorySessionStore(long maxStoredBytes = long.MaxValue) : IGrainStorage, ISessionListing, IWaitingReviews
{
    /// <summary>
    /// The most sessions one age sweep deletes while holding the lock: grains writing meanwhile
    /// wait for one chunk, never for a whole sweep of a large backlog.
    /// </summary>
    private const int DeleteChunk = 1000;

    private static readonly IComparer<(DateTimeOffset Start, string Id)> NewestFirst =
        Comparer<(DateTimeOffset Start, string Id)>.Create((a, b) =>
            b.Start.CompareTo(a.Start) is var byStart and not 0 ? byStart : string.CompareOrdinal(b.Id, a.Id));

    private static readonly IComparer<(DateTimeOffset End, string Id)> OldestFirst =
        Comparer<(DateTimeOffset End, string Id)>.Create((a, b) =>
            a.End.CompareTo(b.End) is var byEnd and not 0 ? byEnd : string.CompareOrdinal(a.Id, b.Id));

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (SessionRecord Session, int Version, long Bytes)> _byId = new(StringComparer.Ordinal);
    private readonly SortedSet<(DateTimeOffset Start, string Id)> _byStart = new(NewestFirst);
    // Finished sessions are indexed once, by user and age: the age sweep looks at each user's
    // oldest, so a global index by age beside it (64 bytes more per finished session, B6) is not kept.
    private readonly FinishedByUser _finishedByUser = new();

    // Sessions waiting for review, by request time: review expiry walks only these, never the
    // (far more numerous) finished sessions the start index also holds.
    private readonly SortedSet<(DateTimeOffset Start, string Id)> _waiting = new(OldestFirst);
    private long _storedBytes;

    /// <summary>What the stored sessions take, as <see cref="SessionRecordSize"/> counts them.</summary>
    public long StoredBytes
    {
        get
        {
            lock (_gate)
            {
                return _storedBytes;
            }
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var holder = SessionGrainState.Of(grainState);
        (SessionRecord Session, int Version, long Bytes) stored;
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
        var session = SessionGrainState.Of(grainState).Session ?? throw new ArgumentException("A session grain writes only once it has a session.");
        var bytes = SessionRecordSize.Of(session);
        int version;
        var overCap = 0;
        lock (_gate)
        {
            var known = _byId.TryGetValue(session.Id, out var stored);
            if (grainState.ETag != (known ? Etag(stored.Version) : null))
            {
                throw new InconsistentStateException($"Session {session.Id} was written by someone else", known ? Etag(stored.Version) : "(none)", grainState.ETag ?? "(none)");
            }

            version = known ? stored.Version + 1 : 1;
            if (known)
            {
                _storedBytes -= stored.Bytes;
                Unindex(stored.Session, stored.Bytes);
            }
            else
            {
                _byStart.Add((session.StartDate, session.Id));
            }

            _byId[session.Id] = (session, version, bytes);
            _storedBytes += bytes;
            if (session.IsDone)
            {
                _finishedByUser.Add(session.Request.User, FinishedAt(session), session.Id, bytes);
            }
            else if (session.Status == SessionStatus.Open)
            {
                _waiting.Add((session.StartDate, session.Id));
            }

            // Only writes make the store grow, and the write that makes a session done is the one
            // that brings its output in, so checking here keeps the cap without a timer. Whoever
            // holds the most gives first, oldest first: one user's flood pushes out that user's
            // history, not everyone's. The session just written may go too, as its user's newest.
            while (_storedBytes > maxStoredBytes && _finishedByUser.LargestConsumersOldest() is { } evicted)
            {
                Remove(evicted);
                overCap++;
            }
        }

        HoopMetrics.RetentionDeletedSessions(overCap, HoopMetrics.StoredBytesCause);

        grainState.ETag = Etag(version);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var id = grainId.Key.ToString()!;
        lock (_gate)
        {
            // Checked as a write is: a record written or deleted since the caller read it, or one
            // stored while the caller knows of none, is not the caller's to delete.
            var known = _byId.TryGetValue(id, out var stored);
            if (grainState.ETag != (known ? Etag(stored.Version) : null))
            {
                throw new InconsistentStateException($"Session {id} was written or deleted by someone else", known ? Etag(stored.Version) : "(none)", grainState.ETag ?? "(none)");
            }

            Remove(id);
        }

        SessionGrainState.Of(grainState).Session = null;
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Deletes the finished sessions that ended before <paramref name="cutoff"/>, each user's oldest first;
    /// sessions not done stay whatever their age. Returns how many were deleted.
    /// </summary>
    public int DeleteFinishedBefore(DateTimeOffset cutoff)
    {
        var deleted = 0;
        while (true)
        {
            lock (_gate)
            {
                for (var chunk = 0; chunk < DeleteChunk; chunk++)
                {
                    if (_finishedByUser.EndedBefore(cutoff) is not { } id)
                    {
                        return deleted;
                    }

                    Remove(id);
                    deleted++;
                }
            }
        }
    }

    public Task<IReadOnlyList<string>> RequestedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        lock (_gate)
        {
            foreach (var (start, id) in _waiting)
            {
                if (start >= cutoff || ids.Count == limit)
                {
                    break;
                }

                ids.Add(id);
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(ids);
    }

    public Task<SessionPage> ListAsync(SessionQuery query, CancellationToken cancellationToken)
    {
        // The walk stops once the page and the one after it are known and the count asked for is done.
        var pageEnd = (long)query.Offset + query.Limit;
        var countTo = query.Count switch
        {
            SessionCount.Exact => long.MaxValue,
            SessionCount.Capped => Math.Max(SessionQuery.CountCap + 1, pageEnd + 1),
            _ => pageEnd + 1,
        };
        var page = new List<ListedSession>(query.Limit);
        long matched = 0;
        lock (_gate)
        {
            foreach (var (_, id) in _byStart)
            {
                var session = _byId[id].Session;
                if (!query.Matches(session))
                {
                    continue;
                }

                if (matched >= query.Offset && matched < pageEnd)
                {
                    page.Add(ListedSession.Of(session));
                }

                if (++matched >= countTo)
                {
                    break;
                }
            }
        }

        var (total, capped) = query.Count switch
        {
            SessionCount.None => ((long?)null, false),
            SessionCount.Capped when matched > SessionQuery.CountCap => (SessionQuery.CountCap, true),
            _ => (matched, false),
        };
        return Task.FromResult(new SessionPage(page, total, capped, matched > pageEnd));
    }

    /// <summary>Drops a session from the records and both indexes; the caller holds the lock.</summary>
    private void Remove(string id)
    {
        if (_byId.Remove(id, out var stored))
        {
            _byStart.Remove((stored.Session.StartDate, id));
            Unindex(stored.Session, stored.Bytes);
            _storedBytes -= stored.Bytes;
        }
    }

    /// <summary>Drops a session from the finished or the waiting index, wherever its state put it; the caller holds the lock.</summary>
    private void Unindex(SessionRecord session, long bytes)
    {
        if (session.IsDone)
        {
            _finishedByUser.Remove(session.Request.User, FinishedAt(session), session.Id, bytes);
        }
        else if (session.Status == SessionStatus.Open)
        {
            _waiting.Remove((session.StartDate, session.Id));
        }
    }

    /// <summary>
    /// When a finished session ended. The grain stamps every finish with its end date; a record
    /// without one (none is written so) falls back to its start, so it still ages out.
    /// </summary>
    private static DateTimeOffset FinishedAt(SessionRecord session) => session.EndDate ?? session.StartDate;

    private static string Etag(int version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
