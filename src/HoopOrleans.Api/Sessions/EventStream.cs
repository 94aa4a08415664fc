using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization;
using HoopOrleans.Api.Json;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// A session's output in hoop.dev's <c>event_stream</c> shape: <c>["&lt;text&gt;"]</c> for
/// <c>utf8</c>, <c>["&lt;base64&gt;"]</c> for <c>base64</c>, and hoop's raw events otherwise. This
/// service keeps stdout and stderr interleaved and without times, so the raw form is one output
/// event at 0 seconds. Long output is written in pieces, as <see cref="RunOutput"/> is.
/// </summary>
[JsonConverter(typeof(PiecewiseJsonConverter<EventStream>))]
internal sealed class EventStream(RunOutput output, EventStreamFormat format) : IPiecewiseJson
{
    /// <summary>hoop's event type for output.</summary>
    private const string OutputEvent = "o";

    public void Write(Utf8JsonWriter json)
    {
        Open(json);
        if (format == EventStreamFormat.Utf8)
        {
            output.Write(json);
        }
        else
        {
            json.WriteBase64StringValue(output.Bytes);
        }

        Close(json);
    }

    public async ValueTask WriteInPiecesAsync(Utf8JsonWriter json, PipeWriter body, CancellationToken cancel)
    {
        Open(json);
        if (format == EventStreamFormat.Utf8)
        {
            await output.WriteInPiecesAsync(json, body, cancel);
        }
        else
        {
            await WriteBase64InPiecesAsync(json, body, cancel);
        }

        Close(json);
    }

    private void Open(Utf8JsonWriter json)
    {
        json.WriteStartArray();
        if (format == EventStreamFormat.Events)
        {
            json.WriteStartArray();
            json.WriteNumberValue(0);
            json.WriteStringValue(OutputEvent);
        }
    }

    private void Close(Utf8JsonWriter json)
    {
        if (format == EventStreamFormat.Events)
        {
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }

    private async ValueTask WriteBase64InPiecesAsync(Utf8JsonWriter json, PipeWriter body, CancellationToken cancel)
    {
        var bytes = output.Bytes;
        if (bytes.Length == 0)
        {
            json.WriteBase64StringValue(bytes);
            return;
        }

        // Pieces of a multiple of three bytes encode without padding, so they join into one base64 string.
        const int piece = RunOutput.PieceBytes / 3 * 3;
        for (var start = 0; start < bytes.Length; start += piece)
        {
            var length = Math.Min(piece, bytes.Length - start);
            json.WriteBase64StringSegment(bytes.AsSpan(start, length), isFinalSegment: start + length == bytes.Length);
            json.Flush();
            await body.FlushAsync(cancel);
        }
    }
}
