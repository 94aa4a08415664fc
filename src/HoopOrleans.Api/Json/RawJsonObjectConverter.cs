using System.Text.Json;
using System.Text.Json.Serialization;

namespace HoopOrleans.Api.Json;

/// <summary>Writes a <see cref="RawJsonObject"/> as it is; the API never reads one back.</summary>
internal sealed class RawJsonObjectConverter : JsonConverter<RawJsonObject>
{
    public override RawJsonObject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("stored JSON objects are only written");

    public override void Write(Utf8JsonWriter writer, RawJsonObject value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Json, skipInputValidation: true);
}
