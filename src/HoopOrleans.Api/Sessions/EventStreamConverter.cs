using System.Text.Json;
using System.Text.Json.Serialization;

namespace HoopOrleans.Api.Sessions;

/// <summary>Writes an <see cref="EventStream"/> whole; the API never reads one.</summary>
internal sealed class EventStreamConverter : JsonConverter<EventStream>
{
    public override EventStream Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("event streams are only written");

    public override void Write(Utf8JsonWriter writer, EventStream value, JsonSerializerOptions options) => value.Write(writer);
}
