namespace HoopOrleans.Sessions;

/// <summary>
/// How hoop.dev describes a connection: its type (<c>custom</c>, <c>database</c>, <c>application</c>),
/// subtype and tags. Copied onto each session when it starts, so the session keeps what its
/// connection was then, and listings filter by it without reading the configuration.
/// </summary>
/// <param name="Type">The connection's type; <c>custom</c> unless configured.</param>
/// <param name="Subtype">The connection's subtype, such as <c>postgres</c>; empty unless configured.</param>
/// <param name="TagsJson">The connection's tags: a JSON object of strings.</param>
[GenerateSerializer, Immutable]
public sealed record ConnectionProfile(
    [property: Id(0)] string Type,
    [property: Id(1)] string Subtype,
    [property: Id(2)] string TagsJson)
{
    /// <summary>hoop's type for a connection that runs a program of its own.</summary>
    public const string CustomType = "custom";

    /// <summary>
    /// A connection configured with no type, subtype or tags: a new instance each time. It is every
    /// <see cref="SessionRecord"/>'s default, and a deserializer that fills in the objects a
    /// constructor made (Newtonsoft.Json, which Orleans' grain storage serializer uses, does) would
    /// otherwise write one session's profile into every other's.
    /// </summary>
    public static ConnectionProfile Custom => new(CustomType, "", "{}");
}
