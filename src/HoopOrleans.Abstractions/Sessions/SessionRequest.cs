using System.Collections.Immutable;

namespace HoopOrleans.Sessions;

/// <summary>What a client asked to run.</summary>
/// <param name="Connection">The configured connection to run on.</param>
/// <param name="Script">Written to the process's stdin, which is then closed.</param>
/// <param name="ClientArgs">Appended to the connection's argv, one argument each, never parsed by a shell.</param>
/// <param name="MetadataJson">Client attributes: a JSON object, kept as the client wrote it.</param>
/// <param name="LabelsJson">Deprecated string attributes: a JSON object of strings, kept as the client wrote it.</param>
/// <param name="User">Who asked.</param>
[GenerateSerializer, Immutable]
public sealed record SessionRequest(
    [property: Id(0)] string Connection,
    [property: Id(1)] string Script,
    [property: Id(2)] ImmutableArray<string> ClientArgs,
    [property: Id(3)] string MetadataJson,
    [property: Id(4)] string LabelsJson,
    [property: Id(5)] string User)
{
    /// <summary>
    /// Whether <paramref name="other"/> asks for the same run: the same fields, with metadata and
    /// labels compared as JSON values rather than as text.
    /// </summary>
    public bool Matches(SessionRequest other) =>
        Connection == other.Connection
        && Script == other.Script
        && User == other.User
        && ClientArgs.SequenceEqual(other.ClientArgs)
        && SameJson(MetadataJson, other.MetadataJson)
        && SameJson(LabelsJson, other.LabelsJson);

    private static bool SameJson(string left, string right)
    {
        if (left == right)
        {
            return true;
        }

        using var a = System.Text.Json.JsonDocument.Parse(left);
        using var b = System.Text.Json.JsonDocument.Parse(right);
        return System.Text.Json.JsonElement.DeepEquals(a.RootElement, b.RootElement);
    }
}
