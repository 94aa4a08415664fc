using System.Text;
using System.Text.Json;
using HoopOrleans.Api.Json;
using HoopOrleans.Api.Sessions;

namespace HoopOrleans.Api.Tests.Sessions;

/// <summary>
/// A session's output as hoop.dev's <c>event_stream</c>, in each of its shapes, is written in bounded
/// pieces too, and reads back as the very output: the bytes for base64 and raw events, the text
/// (invalid UTF-8 as U+FFFD) for utf8.
/// </summary>
public sealed class EventStreamJsonTests
{
    // The format travels by name: the enum is the front end's own (internal), a theory's parameters are public.
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var kind in SessionJsonTests.Outputs)
        {
            foreach (var format in Enum.GetNames<EventStreamFormat>())
            {
                cases.Add(kind, format);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Four_mebibytes_of_output_as_an_event_stream_are_written_in_bounded_pieces(string kind, string formatName)
    {
        var format = Enum.Parse<EventStreamFormat>(formatName);
        var output = SessionJsonTests.OutputOf(kind);
        var session = SessionJsonTests.FinishedWith(output);
        var body = new MeasuringPipeWriter();

        await using (var json = new Utf8JsonWriter(body, JsonAnswer.WriterOptions))
        {
            var answer = SessionAnswer.Of(session, new SessionView(WithScript: false, format));
            await JsonAnswer.WriteAsync(json, answer, ApiJsonContext.Default.SessionAnswer, body, CancellationToken.None);
        }

        await body.FlushAsync();

        Assert.True(body.MostHeld <= SessionJsonTests.MostHeld, $"{body.MostHeld} bytes held at once");
        using var document = JsonDocument.Parse(body.Written.ToArray());
        var stream = Assert.Single(document.RootElement.GetProperty("event_stream").EnumerateArray());
        switch (format)
        {
            case EventStreamFormat.Utf8:
                Assert.Equal(Encoding.UTF8.GetString(output), stream.GetString());
                break;
            case EventStreamFormat.Base64:
                Assert.Equal(output, stream.GetBytesFromBase64());
                break;
            default:
                Assert.Equal(3, stream.GetArrayLength());
                Assert.Equal(0, stream[0].GetDouble());
                Assert.Equal("o", stream[1].GetString());
                Assert.Equal(output, stream[2].GetBytesFromBase64());
                break;
        }

        Assert.Equal("""{"data":""}""", document.RootElement.GetProperty("script").GetRawText());
    }
}
