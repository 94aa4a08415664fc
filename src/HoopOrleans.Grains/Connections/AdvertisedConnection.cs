using System.Text.Json.Serialization;

namespace HoopOrleans.Connections;

/// <summary>
/// What a silo tells the cluster about a connection it hosts: enough for a front end to check a
/// request, list the connection and place its sessions without asking a silo. Never its
/// <c>Env</c> (secrets live there), its user or its limits, which may differ from network to network.
/// </summary>
/// <param name="Name">The connection's name.</param>
/// <param name="Command">Its argv (configuration, not a secret).</param>
/// <param name="Type">hoop's type.</param>
/// <param name="Subtype">hoop's subtype.</param>
/// <param name="Tags">hoop's tags, sorted by name.</param>
/// <param name="Review">Runs need an approval first.</param>
/// <param name="Timeout">The longest a run may take.</param>
public sealed record AdvertisedConnection(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("command")] string[] Command,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("subtype")] string Subtype,
    [property: JsonPropertyName("tags")] SortedDictionary<string, string> Tags,
    [property: JsonPropertyName("review")] bool Review,
    [property: JsonPropertyName("timeout")] TimeSpan Timeout)
{
    /// <summary>The connection as configured under <c>Connections:&lt;name&gt;</c>.</summary>
    public static AdvertisedConnection Of(string name, ConnectionOptions options) => new(
        name,
        [.. options.Command],
        options.Type,
        options.Subtype,
        new SortedDictionary<string, string>(options.Tags, StringComparer.Ordinal),
        options.Review,
        options.Timeout);

    /// <summary>The settings (their keys under <c>Connections:&lt;name&gt;</c>) in which <paramref name="other"/> differs from this.</summary>
    public IReadOnlyList<string> Differences(AdvertisedConnection other)
    {
        var keys = new List<string>();
        if (!Command.SequenceEqual(other.Command, StringComparer.Ordinal))
        {
            keys.Add(nameof(ConnectionOptions.Command));
        }

        if (!string.Equals(Type, other.Type, StringComparison.Ordinal))
        {
            keys.Add(nameof(ConnectionOptions.Type));
        }

        if (!string.Equals(Subtype, other.Subtype, StringComparison.Ordinal))
        {
            keys.Add(nameof(ConnectionOptions.Subtype));
        }

        if (!Tags.OrderBy(pair => pair.Key, StringComparer.Ordinal).SequenceEqual(other.Tags.OrderBy(pair => pair.Key, StringComparer.Ordinal)))
        {
            keys.Add(nameof(ConnectionOptions.Tags));
        }

        if (Review != other.Review)
        {
            keys.Add(nameof(ConnectionOptions.Review));
        }

        if (Timeout != other.Timeout)
        {
            keys.Add(nameof(ConnectionOptions.Timeout));
        }

        return keys;
    }
}
