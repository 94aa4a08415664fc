using HoopOrleans.Connections;

namespace HoopOrleans.Grains.Tests.Placement;

/// <summary>A directory read once from <paramref name="entries"/>; <see cref="Version"/> moves when a test says the view was read again.</summary>
internal sealed class FixedConnectionDirectory(params ConnectionEntry[] entries) : IConnectionDirectory
{
    public ConnectionEntry? Find(string name) => entries.FirstOrDefault(entry => entry.Settings.Name == name);

    public IReadOnlyList<ConnectionEntry> All => entries;

    public long Version { get; set; } = 1;

    public Task RefreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
