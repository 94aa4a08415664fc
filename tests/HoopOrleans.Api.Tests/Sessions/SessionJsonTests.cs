using System.IO.Pipelines;
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
    private const long MostHeld = 1024 * 1024;

    public static TheoryData<string> Outputs => new() { "control characters", "invalid UTF-8", "random bytes" };

    private static byte[] OutputOf(string kind)
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
        var session = new SessionRecord
        {
            Id = Guid.NewGuid().ToString(),
            Request = new SessionRequest("bash", "cat big", [], "{}", "{}", "tests"),
            Status = SessionStatus.Done,
            ExitCode = 0,
            Output = output,
            StartDate = DateTimeOffset.UtcNow,
            EndDate = DateTimeOffset.UtcNow,
        };
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

    /// <summary>Keeps what is flushed, and notes the most that was written but not yet flushed.</summary>
    private sealed class MeasuringPipeWriter : PipeWriter
    {
        private readonly MemoryStream _flushed = new();
        private byte[] _buffer = new byte[4096];
        private int _held;

        public MemoryStream Written => _flushed;

        public long MostHeld { get; private set; }

        public override void Advance(int bytes)
        {
            _held += bytes;
            MostHeld = Math.Max(MostHeld, _held);
        }

        public override Memory<byte> GetMemory(int sizeHint = 0)
        {
            var needed = _held + Math.Max(sizeHint, 1);
            if (needed > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
            }

            return _buffer.AsMemory(_held);
        }

        public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            _flushed.Write(_buffer, 0, _held);
            _held = 0;
            return ValueTask.FromResult(new FlushResult(false, false));
        }

        public override void CancelPendingFlush()
        {
        }

        public override void Complete(Exception? exception = null)
        {
        }
    }
}
