using System.Text;
using System.Text.Json;
using HoopOrleans.Api.Json;
using HoopOrleans.Api.Sessions;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Tests.Sessions;

/// <summary>Writing a session costs bounded memory whatever its output holds, valid UTF-8 or not.</summary>
public sealed class SessionJsonTests
{
    private const int OutputBytes = 4 * 1024 * 1024;

    /// <summary>The most a writer may hold unflushed at once: a piece of output escaped sixfold, with room to spare.</summary>
    public const long MostHeld = 1024 * 1024;

    public static TheoryData<string> Outputs => new() { "control characters", "invalid UTF-8", "random bytes" };

    /// <summary>A finished session whose output is <paramref name="output"/>.</summary>
    internal static SessionRecord FinishedWith(byte[] output) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Request = new SessionRequest("bash", "cat big", [], "{}", "{}", "tests"),
        Status = SessionStatus.Done,
        ExitCode = 0,
        Output = output,
        StartDate = DateTimeOffset.UtcNow,
        EndDate = DateTimeOffset.UtcNow,
    };

    public static byte[] OutputOf(string kind)
    {
        var output = new byte[OutputBytes];
        switch (kind)
        {
            case "control characters":
                // Valid UTF-8 that escapes to six bytes a byte.
                Array.Fill(output, (byte)1);
                break;
            case "invalid UTF-8":
                // Each lone continuation byte decodes to U+FFFD, and every other byte is a control character.
                for (var i = 0; i < output.Length; i++)
                {
                    output[i] = i % 2 == 0 ? (byte)0x80 : (byte)2;
                }

                break;
            default:
                new Random(13).NextBytes(output);
                break;
        }

        return output;
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public async Task A_session_with_four_mebibytes_of_output_is_written_in_bounded_pieces_as_one_proper_json_string(string kind)
    {
        var output = OutputOf(kind);
        var session = FinishedWith(output);
        var body = new MeasuringPipeWriter();

        await using (var json = new Utf8JsonWriter(body, JsonAnswer.WriterOptions))
        {
            await JsonAnswer.WriteAsync(json, SessionAnswer.Of(session), ApiJsonContext.Default.SessionAnswer, body, CancellationToken.None);
        }

        await body.FlushAsync();

        Assert.True(body.MostHeld <= MostHeld, $"{body.MostHeld} bytes held at once");
        using var document = JsonDocument.Parse(body.Written.ToArray());
        Assert.Equal(Encoding.UTF8.GetString(output), document.RootElement.GetProperty("output").GetString());
    }
}
