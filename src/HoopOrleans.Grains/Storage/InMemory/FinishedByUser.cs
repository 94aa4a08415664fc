namespace HoopOrleans.Storage.InMemory;

/// <summary>
/// The embedded store's finished sessions by user, for retention's age sweep and the byte cap:
/// each user's oldest first, and the users ranked by the bytes their finished sessions take. The cap evicts from whoever holds
/// the most, so one user's flood of large outputs pushes out that user's own history, not
/// everyone's. Not thread-safe: the store calls it under its lock.
/// </summary>
internal sealed class FinishedByUser
{
    private static readonly IComparer<(DateTimeOffset End, string Id)> OldestFirst =
        Comparer<(DateTimeOffset End, string Id)>.Create((a, b) =>
            a.End.CompareTo(b.End) is var byEnd and not 0 ? byEnd : string.CompareOrdinal(a.Id, b.Id));

    // Largest first; among equals, by name, so the choice never depends on the order of writes.
    private static readonly IComparer<(long Bytes, string User)> LargestFirst =
        Comparer<(long Bytes, string User)>.Create((a, b) =>
            b.Bytes.CompareTo(a.Bytes) is var byBytes and not 0 ? byBytes : string.CompareOrdinal(a.User, b.User));

    private readonly Dictionary<string, SortedSet<(DateTimeOffset End, string Id)>> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly SortedSet<(long Bytes, string User)> _ranking = new(LargestFirst);

    public void Add(string user, DateTimeOffset end, string id, long bytes)
    {
        if (!_sessions.TryGetValue(user, out var sessions))
        {
            sessions = new SortedSet<(DateTimeOffset End, string Id)>(OldestFirst);
            _sessions[user] = sessions;
        }

        if (sessions.Add((end, id)))
        {
            Rank(user, bytes);
        }
    }

    public void Remove(string user, DateTimeOffset end, string id, long bytes)
    {
        if (!_sessions.TryGetValue(user, out var sessions) || !sessions.Remove((end, id)))
        {
            return;
        }

        Rank(user, -bytes);
        if (sessions.Count == 0)
        {
            _sessions.Remove(user);
        }
    }

    /// <summary>
    /// A finished session that ended before <paramref name="cutoff"/> (the oldest of its user's);
    /// null when none did. Looks at each user's oldest: users are keys, few beside the sessions.
    /// </summary>
    public string? EndedBefore(DateTimeOffset cutoff)
    {
        foreach (var sessions in _sessions.Values)
        {
            // A user's set is never empty: Remove drops the user with the last one.
            if (sessions.Min.End < cutoff)
            {
                return sessions.Min.Id;
            }
        }

        return null;
    }

    /// <summary>The oldest finished session of the user whose finished sessions take the most bytes; null when none is finished.</summary>
    public string? LargestConsumersOldest() =>
        _ranking.Count == 0 ? null : _sessions[_ranking.Min.User].Min.Id;

    private void Rank(string user, long change)
    {
        var bytes = _bytes.GetValueOrDefault(user);
        _ranking.Remove((bytes, user));
        bytes += change;
        if (_sessions.ContainsKey(user) && _sessions[user].Count > 0)
        {
            _bytes[user] = bytes;
            _ranking.Add((bytes, user));
        }
        else
        {
            _bytes.Remove(user);
        }
    }
}
