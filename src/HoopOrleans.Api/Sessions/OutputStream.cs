using System.IO.Pipelines;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// A session's output written to the client as it is produced, read from the session's grain piece
/// by piece: the next piece is asked for only once the previous one is written to the client, so a
/// slow reader slows its own stream and nothing else. A multi-byte character is never split.
/// </summary>
/// <param name="grain">The session's grain.</param>
/// <param name="viewer">Who reads, as the grain checks it.</param>
/// <param name="first">The first piece, already read (its session exists).</param>
/// <param name="offset">The byte offset the client asked to start at.</param>
/// <param name="stopping">This node is stopping: the stream ends cleanly where it is, and the client resumes on another node.</param>
internal abstract class OutputStream(ISessionGrain grain, SessionActor viewer, OutputChunk first, long offset, CancellationToken stopping) : IResult
{
    /// <summary>The most output read from the grain, and written, at a time.</summary>
    public const int PieceBytes = 64 * 1024;

    /// <summary>How long a stream stays silent before a keep-alive, so proxies do not drop it.</summary>
    private static readonly TimeSpan KeepAlive = SessionLimits.MaxCallWait;

    /// <summary>The stream's place among its caller's (<see cref="StreamCounts"/>), given back as the stream ends.</summary>
    public IDisposable? Lease { get; init; }

    protected abstract string ContentType { get; }

    /// <summary>Writes <paramref name="bytes"/>, which end at byte <paramref name="end"/> of the output; <paramref name="final"/> once the run is over.</summary>
    protected abstract void Write(PipeWriter body, ReadOnlySpan<byte> bytes, long end, SessionRecord? final);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var cancel = httpContext.RequestAborted;
        try
        {
            // Bytes read but not yet sent: the start of a multi-byte character whose rest has not come yet.
            byte[] pending = [];
            var sent = offset;
            var piece = first;
            while (true)
            {
                var bytes = pending.Length == 0 ? piece.Bytes : [.. pending, .. piece.Bytes];
                var complete = piece.Finished is null ? SessionStreams.CompleteUtf8Length(bytes) : bytes.Length;
                if (complete > 0 || piece.Bytes.Length == 0)
                {
                    sent += complete;
                    Write(response.BodyWriter, bytes.AsSpan(0, complete), sent, piece.Finished);
                    await response.BodyWriter.FlushAsync(cancel);
                }

                if (piece.Finished is not null || stopping.IsCancellationRequested)
                {
                    return;
                }

                pending = bytes[complete..];
                piece = await grain.ReadOutput(viewer, piece.Offset + piece.Bytes.Length, PieceBytes, KeepAlive)
                    ?? throw new InvalidOperationException($"session {grain.GetPrimaryKeyString()} disappeared while streaming");
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client went away; the run goes on.
        }
        finally
        {
            // Before the response completes: a client that saw the stream end finds its place free.
            Lease?.Dispose();
        }
    }
}
