using System.Text.Json;
using System.Text.Json.Serialization;

namespace HoopOrleans.Api.Json;

/// <summary>
/// A JSON object kept as the client wrote it (a session's <c>metadata</c> and <c>labels</c>), and
/// written back verbatim: it was parsed and checked as an object when the session was created.
/// </summary>
[JsonConverter(typeof(RawJsonObjectConverter))]
public readonly record struct RawJsonObject(string Json);

/// <summary>Writes a <see cref="RawJsonObject"/> as it is; the API never reads one back.</summary>
internal sealed class RawJsonObjectConverter : JsonConverter<RawJsonObject>
{
    public override RawJsonObject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("stored JSON objects are only written");

    public override void Write(Utf8JsonWriter writer, RawJsonObject value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Json, skipInputValidation: true);
}
