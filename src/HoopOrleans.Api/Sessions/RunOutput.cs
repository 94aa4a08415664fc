using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// A session's output as the API shows it: the bytes the run wrote, as one JSON string. Valid
/// UTF-8 is written as it is; anything else is decoded with U+FFFD for each invalid sequence, so
/// the answer is always a proper JSON string.
/// </summary>
[JsonConverter(typeof(Json.PiecewiseJsonConverter<RunOutput>))]
internal sealed class RunOutput(byte[] bytes) : Json.IPiecewiseJson
{
    /// <summary>How much output is escaped and handed to the response at a time.</summary>
    public const int PieceBytes = 64 * 1024;

    public static readonly RunOutput Empty = new([]);

    public byte[] Bytes => bytes;

    /// <summary>Output longer than one piece is written by <see cref="WriteInPiecesAsync"/> when it goes to a response.</summary>
    public bool IsLong => bytes.Length > PieceBytes;

    public static RunOutput FromText(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>Writes the whole output as the JSON string value at the writer's position.</summary>
    public void Write(Utf8JsonWriter json)
    {
        if (Utf8.IsValid(bytes))
        {
            json.WriteStringValue(bytes);
        }
        else
        {
            json.WriteStringValue(Encoding.UTF8.GetString(bytes));
        }
    }

    /// <summary>
    /// Writes the output as <see cref="Write"/> does, in pieces handed to <paramref name="body"/> one
    /// by one: escaped, output can grow sixfold, and a 4 MiB output must not need a 24 MiB buffer,
    /// valid or not. Invalid UTF-8 is decoded piece by piece (the decoder keeps a sequence cut by a
    /// piece's end for the next), which gives the same text as decoding it whole.
    /// </summary>
    public async ValueTask WriteInPiecesAsync(Utf8JsonWriter json, PipeWriter body, CancellationToken cancel)
    {
        if (!IsLong)
        {
            Write(json);
            return;
        }

        var decoder = Utf8.IsValid(bytes) ? null : Encoding.UTF8.GetDecoder();
        var chars = decoder is null ? null : ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(PieceBytes));
        try
        {
            for (var start = 0; start < bytes.Length; start += PieceBytes)
            {
                var length = Math.Min(PieceBytes, bytes.Length - start);
                var last = start + length == bytes.Length;
                if (decoder is null)
                {
                    json.WriteStringValueSegment(bytes.AsSpan(start, length), isFinalSegment: last);
                }
                else
                {
                    var count = decoder.GetChars(bytes.AsSpan(start, length), chars!, flush: last);
                    json.WriteStringValueSegment(chars.AsSpan(0, count), isFinalSegment: last);
                }

                json.Flush();
                await body.FlushAsync(cancel);
            }
        }
        finally
        {
            if (chars is not null)
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }
    }
}
