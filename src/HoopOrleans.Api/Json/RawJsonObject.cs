using System.Text.Json.Serialization;

namespace HoopOrleans.Api.Json;

/// <summary>
/// A JSON object kept as the client wrote it (a session's <c>metadata</c> and <c>labels</c>), and
/// written back verbatim: it was parsed and checked as an object when the session was created.
/// </summary>
[JsonConverter(typeof(RawJsonObjectConverter))]
internal readonly record struct RawJsonObject(string Json);
