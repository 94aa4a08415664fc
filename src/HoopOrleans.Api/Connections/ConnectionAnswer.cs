using HoopOrleans.Connections;

namespace HoopOrleans.Api.Connections;

/// <summary>
/// hoop.dev's connection object, with the fields that mean something here, plus <see cref="Nodes"/>.
/// A connection's <c>Env</c>, user and limits are never part of it: silos do not even advertise them.
/// </summary>
/// <param name="Id">Stable, derived from the name (<see cref="ConnectionIds"/>).</param>
/// <param name="Name">The connection's name.</param>
/// <param name="Command">Its argv.</param>
/// <param name="Type">hoop's type (<c>Connections:&lt;name&gt;:Type</c>).</param>
/// <param name="Subtype">hoop's subtype.</param>
/// <param name="ConnectionTags">hoop's tags.</param>
/// <param name="Status"><c>online</c> while a live silo hosts it, else <c>offline</c>.</param>
/// <param name="Reviewers">The groups that review its runs: <c>reviewer</c> for a connection with <c>Review</c>, else none.</param>
/// <param name="AccessModeExec"><c>enabled</c>: runs are what this service does.</param>
/// <param name="AccessModeConnect"><c>disabled</c>: no interactive sessions.</param>
/// <param name="AccessModeRunbooks"><c>disabled</c>: no runbooks.</param>
/// <param name="ResourceName">hoop's resource: the connection itself, as on each session.</param>
/// <param name="Nodes">The silos that serve it now.</param>
internal sealed record ConnectionAnswer(
    string Id,
    string Name,
    IReadOnlyList<string> Command,
    string Type,
    string Subtype,
    IReadOnlyDictionary<string, string> ConnectionTags,
    string Status,
    IReadOnlyList<string> Reviewers,
    string AccessModeExec,
    string AccessModeConnect,
    string AccessModeRunbooks,
    string ResourceName,
    IReadOnlyList<string> Nodes)
{
    public const string Online = "online";

    public const string Offline = "offline";

    public const string ReviewerGroup = "reviewer";

    public static ConnectionAnswer Of(ConnectionEntry entry)
    {
        var settings = entry.Settings;
        return new ConnectionAnswer(
            ConnectionIds.Of(settings.Name),
            settings.Name,
            settings.Command,
            settings.Type,
            settings.Subtype,
            settings.Tags,
            entry.Online ? Online : Offline,
            settings.Review ? [ReviewerGroup] : [],
            "enabled",
            "disabled",
            "disabled",
            settings.Name,
            [.. entry.Hosts.Select(host => host.Silo.ToParsableString())]);
    }
}
