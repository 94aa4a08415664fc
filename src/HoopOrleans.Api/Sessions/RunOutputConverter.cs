using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HoopOrleans.Api.Sessions;

/// <summary>Writes a <see cref="RunOutput"/> whole; the API never reads one.</summary>
internal sealed class RunOutputConverter : JsonConverter<RunOutput>
{
    public override RunOutput Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("output is only written");

    public override void Write(Utf8JsonWriter writer, RunOutput value, JsonSerializerOptions options) => value.Write(writer);
}
