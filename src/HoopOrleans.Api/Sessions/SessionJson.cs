using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Sessions;

/// <summary>Writes sessions as the API shows them, straight from the stored record without intermediate objects.</summary>
public static class SessionJson
{
    /// <summary>How much output is escaped and handed to the response at a time.</summary>
    private const int OutputPiece = 64 * 1024;

    public static readonly JsonWriterOptions WriterOptions = new()
    {
        // An API answer, not HTML: unicode output stays readable instead of becoming \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The seven fields of the answer to <c>POST /api/sessions</c>; a running session shows none of
    /// its output yet. A stream's closing result leaves the output out: the stream carried it.
    /// </summary>
    public static async ValueTask WriteRunResultAsync(Utf8JsonWriter json, SessionRecord session, bool withOutput = true, PipeWriter? body = null, CancellationToken cancel = default)
    {
        var done = session.IsDone;
        json.WriteStartObject();
        json.WriteString("session_id", session.Id);
        json.WriteNumber("exit_code", done ? session.ExitCode ?? ExitCodes.Lost : ExitCodes.Lost);
        if (done && withOutput)
        {
            await WriteOutputAsync(json, session.Output, body, cancel);
        }
        else if (withOutput)
        {
            json.WriteString("output", string.Empty);
        }

        json.WriteString("output_status", session.OutputStatus);
        json.WriteNumber("execution_time", done ? session.ExecutionTimeMs : 0);
        json.WriteBoolean("has_review", session.HasReview);
        json.WriteBoolean("truncated", done && session.Truncated);
        json.WriteEndObject();
    }

    /// <summary>The hoop-compatible answer to a run that waits for a review: accepted, and where to find it.</summary>
    public static void WriteReviewAccepted(Utf8JsonWriter json, SessionRecord session, string url)
    {
        json.WriteStartObject();
        json.WriteString("session_id", session.Id);
        json.WriteNumber("exit_code", 0);
        json.WriteString("output", url);
        json.WriteString("output_status", "success");
        json.WriteNumber("execution_time", 0);
        json.WriteBoolean("has_review", true);
        json.WriteBoolean("truncated", false);
        json.WriteEndObject();
    }

    /// <summary>
    /// The whole session, as <c>GET /api/sessions/{id}</c> shows it; list items leave the script
    /// and the output out (<paramref name="listItem"/>), as hoop.dev's listing does.
    /// </summary>
    public static async ValueTask WriteSessionAsync(Utf8JsonWriter json, SessionRecord session, bool listItem = false, PipeWriter? body = null, CancellationToken cancel = default)
    {
        var request = session.Request;
        json.WriteStartObject();
        json.WriteString("id", session.Id);
        json.WriteString("connection", request.Connection);
        json.WriteString("verb", "exec");
        json.WriteString("status", session.Status.ApiName());
        json.WriteString("output_status", session.OutputStatus);
        if (session.IsDone && session.ExitCode is { } exitCode)
        {
            json.WriteNumber("exit_code", exitCode);
        }
        else
        {
            json.WriteNull("exit_code");
        }

        if (!listItem)
        {
            await WriteOutputAsync(json, session.Output, body, cancel);
        }

        json.WriteBoolean("truncated", session.Truncated);
        json.WriteNumber("execution_time", session.ExecutionTimeMs);
        json.WriteString("start_date", session.StartDate.UtcDateTime);
        if (session.EndDate is { } end)
        {
            json.WriteString("end_date", end.UtcDateTime);
        }
        else
        {
            json.WriteNull("end_date");
        }

        json.WriteStartArray("client_args");
        foreach (var arg in request.ClientArgs)
        {
            json.WriteStringValue(arg);
        }

        json.WriteEndArray();
        // Both were parsed as JSON objects when the session was created.
        json.WritePropertyName("metadata");
        json.WriteRawValue(request.MetadataJson, skipInputValidation: true);
        json.WritePropertyName("labels");
        json.WriteRawValue(request.LabelsJson, skipInputValidation: true);
        if (!listItem)
        {
            json.WriteString("script", request.Script);
        }

        json.WriteBoolean("has_review", session.HasReview);
        if (session.Review is { } review)
        {
            json.WriteStartObject("review");
            json.WriteString("status", review.Status);
            json.WriteString("reviewed_by", review.ReviewedBy);
            if (review.ReviewDate is { } date)
            {
                json.WriteString("review_date", date.UtcDateTime);
            }
            else
            {
                json.WriteNull("review_date");
            }

            json.WriteString("rejection_reason", review.RejectionReason);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("review");
        }
        json.WriteString("user", request.User);
        json.WriteString("silo", session.Silo);
        json.WriteString("failure_reason", session.FailureReason);
        json.WriteEndObject();
    }

    /// <summary>
    /// Output is kept as the bytes the process wrote, and is written in pieces handed to
    /// <paramref name="body"/> one by one: escaped, output can grow sixfold, and a 4 MiB output must
    /// not need a 24 MiB buffer, valid or not. Valid UTF-8 is written as it is; anything else is
    /// decoded piece by piece with U+FFFD for each invalid sequence (the decoder keeps a sequence
    /// cut by a piece's end for the next), so the answer is always a proper JSON string.
    /// </summary>
    private static async ValueTask WriteOutputAsync(Utf8JsonWriter json, byte[] output, PipeWriter? body, CancellationToken cancel)
    {
        var valid = Utf8.IsValid(output);
        if (body is null || output.Length <= OutputPiece)
        {
            if (valid)
            {
                json.WriteString("output", output);
            }
            else
            {
                json.WriteString("output", Encoding.UTF8.GetString(output));
            }

            return;
        }

        json.WritePropertyName("output");
        var decoder = valid ? null : Encoding.UTF8.GetDecoder();
        var chars = valid ? null : ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(OutputPiece));
        try
        {
            for (var start = 0; start < output.Length; start += OutputPiece)
            {
                var length = Math.Min(OutputPiece, output.Length - start);
                var last = start + length == output.Length;
                if (decoder is null)
                {
                    json.WriteStringValueSegment(output.AsSpan(start, length), isFinalSegment: last);
                }
                else
                {
                    var count = decoder.GetChars(output.AsSpan(start, length), chars!, flush: last);
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
