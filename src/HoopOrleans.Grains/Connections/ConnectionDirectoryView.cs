using System.Collections.Immutable;

namespace HoopOrleans.Connections;

/// <summary>One read of the cluster's connections: each known name with its live hosts.</summary>
internal sealed record ConnectionDirectoryView(ImmutableArray<ConnectionEntry> All, Dictionary<string, ConnectionEntry> ByName, long Version)
{
    public static readonly ConnectionDirectoryView Empty = new([], new Dictionary<string, ConnectionEntry>(StringComparer.Ordinal), 0);

    /// <summary>
    /// Each name's settings are a live silo's (rows come newest first), else the newest dead
    /// one's; its hosts, the live silos that advertise it.
    /// </summary>
    public static ConnectionDirectoryView Of(IReadOnlyList<SiloAdvert> rows, long version)
    {
        var entries = rows
            .OrderByDescending(row => row.Live)
            .SelectMany(row => row.Connections.Select(connection => (Row: row, Connection: connection)))
            .GroupBy(pair => pair.Connection.Name, StringComparer.Ordinal)
            .Select(group => new ConnectionEntry(
                group.First().Connection,
                [.. group.Where(pair => pair.Row.Live).Select(pair => pair.Row.Host)],
                EverySilo: false))
            .OrderBy(entry => entry.Settings.Name, StringComparer.Ordinal)
            .ToImmutableArray();
        return new ConnectionDirectoryView(entries, entries.ToDictionary(entry => entry.Settings.Name, StringComparer.Ordinal), version);
    }
}
