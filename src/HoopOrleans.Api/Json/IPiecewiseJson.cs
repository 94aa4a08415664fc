using System.IO.Pipelines;
using System.Text.Json;

namespace HoopOrleans.Api.Json;

/// <summary>
/// A value of an answer that can be megabytes long (a session's output, in any of its shapes):
/// <see cref="JsonAnswer"/> writes it in flushed pieces rather than in one buffer.
/// </summary>
internal interface IPiecewiseJson
{
    /// <summary>Writes the whole value at the writer's position.</summary>
    void Write(Utf8JsonWriter json);

    /// <summary>Writes the value as <see cref="Write"/> does, handing it to <paramref name="body"/> in pieces.</summary>
    ValueTask WriteInPiecesAsync(Utf8JsonWriter json, PipeWriter body, CancellationToken cancel);
}
