using System.Text.Json.Serialization;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// hoop.dev's <c>ReviewOwner</c>; this service knows a reviewer by its key's name, its
/// <see cref="Name"/> and <see cref="Email"/>. hoop's <c>id</c> is a user's UUID, which a key does not
/// have, so it is left out, as hoop leaves out an empty one.
/// </summary>
internal sealed record ReviewOwnerAnswer(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id,
    string Name,
    string Email,
    string SlackId);
