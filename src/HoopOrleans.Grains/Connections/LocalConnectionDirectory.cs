using System.Collections.Immutable;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Connections;

/// <summary>
/// The embedded default's directory, and any cluster whose silos share one configuration (a test
/// cluster): every silo hosts every connection this one is configured with.
/// </summary>
public sealed class LocalConnectionDirectory : IConnectionDirectory
{
    private readonly ImmutableArray<ConnectionEntry> _all;
    private readonly Dictionary<string, ConnectionEntry> _byName;

    public LocalConnectionDirectory(IOptions<Dictionary<string, ConnectionOptions>> options, ILocalSiloDetails silo)
    {
        var host = new ConnectionHost(silo.SiloAddress, 0, false);
        _all = [.. options.Value
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new ConnectionEntry(AdvertisedConnection.Of(pair.Key, pair.Value), [host], EverySilo: true))];
        _byName = _all.ToDictionary(entry => entry.Settings.Name, StringComparer.Ordinal);
    }

    public ConnectionEntry? Find(string name) => _byName.GetValueOrDefault(name);

    public IReadOnlyList<ConnectionEntry> All => _all;

    public long Version => 0;

    public Task RefreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
