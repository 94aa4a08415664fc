using System.Text.Json;
using System.Text.Json.Serialization;

namespace HoopOrleans.Api.Json;

/// <summary>Writes an <see cref="IPiecewiseJson"/> value whole, where a serializer meets one; the API never reads one.</summary>
internal sealed class PiecewiseJsonConverter<T> : JsonConverter<T>
    where T : IPiecewiseJson
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException($"{typeof(T).Name} is only written");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => value.Write(writer);
}
