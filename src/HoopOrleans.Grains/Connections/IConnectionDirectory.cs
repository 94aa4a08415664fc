namespace HoopOrleans.Connections;

/// <summary>
/// The cluster's connections and the live silos that host each, as this node knows them: what the
/// front end checks a request against and lists, what placement chooses a session's silo from.
/// Reads are local (no call, no query), so a run costs nothing more for it.
/// </summary>
public interface IConnectionDirectory
{
    /// <summary>The connection named exactly <paramref name="name"/>, or null when no silo has advertised it.</summary>
    ConnectionEntry? Find(string name);

    /// <summary>Every connection the cluster knows, by name.</summary>
    IReadOnlyList<ConnectionEntry> All { get; }

    /// <summary>
    /// How many times the view was read from its source: placement counts what it placed since
    /// the last read, which the next read's running counts include.
    /// </summary>
    long Version { get; }

    /// <summary>
    /// Reads the view again now, when what it holds would refuse a request (an unknown name, no
    /// live host): a silo that has just joined is then seen at once, not at the next refresh.
    /// Concurrent callers share one read, and reads are spaced, so refused requests cannot flood the source.
    /// </summary>
    Task RefreshAsync(CancellationToken cancellationToken);
}
