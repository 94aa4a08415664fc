using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HoopOrleans.Api.Json;

/// <summary>Makes <see cref="JsonAnswer{T}"/>s and writes their bodies.</summary>
internal static class JsonAnswer
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>An API answer, not HTML: unicode stays readable instead of becoming <c>\uXXXX</c> escapes.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonAnswer<T> Ok<T>(T value, JsonTypeInfo<T> type) => new(StatusCodes.Status200OK, value, type, location: null);

    /// <summary>A <c>202</c> whose <c>Location</c> says where to look for the rest.</summary>
    public static JsonAnswer<T> Accepted<T>(T value, JsonTypeInfo<T> type, string location) => new(StatusCodes.Status202Accepted, value, type, location);

    /// <summary>
    /// Writes <paramref name="value"/> as <paramref name="type"/> describes it. A long output is
    /// written field by field, in the order and with the names of <paramref name="type"/>, so that
    /// the output goes to <paramref name="body"/> in flushed pieces (<see cref="IPiecewiseJson"/>)
    /// and one answer costs bounded memory; anything else is serialized in one call.
    /// </summary>
    public static async ValueTask WriteAsync<T>(Utf8JsonWriter json, T value, JsonTypeInfo<T> type, PipeWriter body, CancellationToken cancel)
    {
        if (value is not IOutputAnswer { Output.IsLong: true })
        {
            JsonSerializer.Serialize(json, value, type);
            return;
        }

        json.WriteStartObject();
        foreach (var property in type.Properties)
        {
            var field = property.Get!(value!);
            if (property.ShouldSerialize is { } shouldSerialize && !shouldSerialize(value!, field))
            {
                continue;
            }

            json.WritePropertyName(property.Name);
            if (field is IPiecewiseJson piecewise)
            {
                await piecewise.WriteInPiecesAsync(json, body, cancel);
            }
            else
            {
                JsonSerializer.Serialize(json, field, type.Options.GetTypeInfo(property.PropertyType));
            }
        }

        json.WriteEndObject();
    }
}
