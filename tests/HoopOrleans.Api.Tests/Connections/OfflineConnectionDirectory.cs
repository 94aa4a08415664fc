using HoopOrleans.Connections;

namespace HoopOrleans.Api.Tests.Connections;

/// <summary>A node's directory in which the silos that host <paramref name="offline"/> have all died: the connection is known, with no host.</summary>
internal sealed class OfflineConnectionDirectory(IConnectionDirectory inner, string offline) : IConnectionDirectory
{
    public ConnectionEntry? Find(string name) => inner.Find(name) is { } entry && name == offline ? entry with { Hosts = [], EverySilo = false } : inner.Find(name);

    public IReadOnlyList<ConnectionEntry> All => [.. inner.All.Select(entry => Find(entry.Settings.Name)!)];

    public long Version => inner.Version;

    public Task RefreshAsync(CancellationToken cancellationToken) => inner.RefreshAsync(cancellationToken);
}
