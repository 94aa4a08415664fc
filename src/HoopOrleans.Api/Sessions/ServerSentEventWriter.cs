using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HoopOrleans.Api.Json;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// Server-Sent Events framing: events whose data is one line of JSON, and comments. .NET 10's
/// <c>SseItem</c> writes events but no comments, and <c>/stream</c> sends <c>: keep-alive</c>
/// comments while a run is silent, so the framing is this class's. It writes into the response's
/// pipe; its owner flushes.
/// </summary>
internal sealed class ServerSentEventWriter(PipeWriter body)
{
    /// <summary><c>id: …</c>, <c>event: …</c>, <c>data: {json}</c>; JSON escapes line breaks, so the data is one line.</summary>
    public void WriteEvent<T>(long id, string name, T data, JsonTypeInfo<T> type)
    {
        Write($"id: {id}\nevent: {name}\ndata: ");
        using (var json = new Utf8JsonWriter(body, JsonAnswer.WriterOptions))
        {
            JsonSerializer.Serialize(json, data, type);
        }

        Write("\n\n");
    }

    /// <summary>A comment line, which clients ignore and proxies see as traffic.</summary>
    public void WriteComment(string text) => Write($": {text}\n\n");

    private void Write(string text) => Encoding.UTF8.GetBytes(text, body);
}
