using System.Globalization;
using System.Text;
using global::Grpc.Core;
using Google.Protobuf;
using HoopOrleans.Api.Auth;
using HoopOrleans.Api.Grpc.Wire;
using HoopOrleans.Api.Sessions;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Grpc;

/// <summary>
/// One <c>hoop exec</c>: the packets hoop's CLI sends, mapped onto one session's grain. The open
/// creates the session (the same request rules, bounds, ownership and audit as
/// <c>POST /api/sessions</c>); a session waiting for review is told so with its URL and polled
/// until it is decided, and the CLI's second open runs it; the script sent again as stdin starts
/// the output, read from the grain piece by piece (a piece is asked for only once the last one is
/// written, so a slow client holds no output here); the close carries the exit code. A client
/// that goes away while its run goes on kills the run, as hoop does.
/// </summary>
internal sealed class ExecStream(
    IAsyncStreamReader<Packet> requests,
    IServerStreamWriter<Packet> responses,
    ServerCallContext context,
    Caller caller,
    string connection,
    ExecStreamServices services)
{
    /// <summary>How often a session waiting for review is read again: reviews take people, and each read is one grain call.</summary>
    private static readonly TimeSpan ReviewPoll = TimeSpan.FromMilliseconds(500);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly CancellationToken _cancel = context.CancellationToken;

    public async Task RunAsync()
    {
        if (await NextAsync(PacketTypes.SessionOpen) is not { } open)
        {
            return;
        }

        var request = ReadRequest(open);
        var correlation = context.RequestHeaders.GetValue(SpecKeys.CorrelationHeader);
        var id = string.IsNullOrEmpty(correlation) ? SessionIds.New() : SessionIds.FromIdempotencyKey(caller.Name, correlation);
        var grain = services.Sessions.Grains.Of(id);
        var bound = services.Sessions.Bounds.RunsOf(caller);
        var running = false;
        try
        {
            var session = await SessionStarts.RunAsync(grain, request, TimeSpan.Zero, isNew: string.IsNullOrEmpty(correlation), bound, services.Sessions.Connections);
            running = session is not { Status: SessionStatus.Open or SessionStatus.Ready };
            if (!running)
            {
                await SendAsync(PacketTypes.SessionOpenWaitingApproval, id, Encoding.UTF8.GetBytes(services.ReviewUrl(id)));
                var decided = await AwaitReviewAsync(grain);
                if (decided.IsDone)
                {
                    await SendAsync(PacketTypes.SessionClose, id, Encoding.UTF8.GetBytes(Denial(decided)));
                    return;
                }

                await SendAsync(PacketTypes.SessionOpenApproveOk, id, []);
                if (await NextAsync(PacketTypes.SessionOpen) is null)
                {
                    return;
                }

                var (executed, lost) = await SessionStarts.ExecAsync(grain, caller.Actor, TimeSpan.Zero, bound);
                running = true;
                session = lost ? null : executed ?? throw new RpcException(new Status(StatusCode.NotFound, $"session {id} not found"));
            }

            await SendOpenAsync(id, session, request);
            await NextAsync(PacketTypes.ExecWriteStdin);
            await StreamOutputAsync(grain);
            running = false;
        }
        catch (Exception) when (_cancel.IsCancellationRequested && running)
        {
            // The client went away: its run ends with it, as hoop's gateway ends it.
            await KillAsync(grain);
        }
    }

    /// <summary>The session as hoop's open asks for it: the payload is the script, the spec may hold its arguments.</summary>
    private SessionRequest ReadRequest(Packet open)
    {
        if (open.Spec.ContainsKey(SpecKeys.EnvVars))
        {
            throw GrpcFailures.InvalidArgument("terminal.envvars: this service takes no per-session environment variables; a connection's variables are set on the connection (Connections:<name>:Env)");
        }

        var maxBytes = services.Sessions.Options.Value.MaxRequestBytes;
        if (open.Payload.Length > maxBytes)
        {
            throw GrpcFailures.InvalidArgument($"the script is larger than {maxBytes} bytes");
        }

        string script;
        try
        {
            script = StrictUtf8.GetString(open.Payload.Span);
        }
        catch (DecoderFallbackException)
        {
            throw GrpcFailures.InvalidArgument("the script must be UTF-8 text");
        }

        if (script.Contains('\0', StringComparison.Ordinal))
        {
            throw GrpcFailures.InvalidArgument("the script must not contain U+0000");
        }

        string[] args = [];
        if (open.Spec.TryGetValue(SpecKeys.Args, out var encoded) && !GobStringList.TryDecode(encoded.Span, out args!, out var error))
        {
            throw GrpcFailures.InvalidArgument($"terminal.args: {error}");
        }

        return new SessionRequest(connection, script, [.. args], "{}", "{}", caller.Name);
    }

    /// <summary>The next packet of <paramref name="type"/>, past keep-alives and hoop's system packets; null once the client has sent its last.</summary>
    private async Task<Packet?> NextAsync(string type)
    {
        while (await requests.MoveNext(_cancel))
        {
            var packet = requests.Current;
            if (packet.Type == type)
            {
                return packet;
            }

            if (packet.Type != PacketTypes.KeepAlive && !packet.Type.StartsWith(PacketTypes.SystemPrefix, StringComparison.Ordinal))
            {
                var shown = packet.Type.Length > 64 ? packet.Type[..64] : packet.Type;
                throw GrpcFailures.InvalidArgument($"expected a {type} packet, got {Printable(shown)}");
            }
        }

        return null;
    }

    /// <summary>Reads the session until its review is decided: approved (ready) or ended (rejected, expired, killed).</summary>
    private async Task<SessionRecord> AwaitReviewAsync(ISessionGrain grain)
    {
        while (true)
        {
            var session = await grain.Get(caller.Actor, TimeSpan.Zero)
                ?? throw new RpcException(new Status(StatusCode.NotFound, "the session is gone"));
            if (session.Status != SessionStatus.Open)
            {
                return session;
            }

            await Task.Delay(ReviewPoll, _cancel);
        }
    }

    private Task SendOpenAsync(string id, SessionRecord? session, SessionRequest request)
    {
        var open = Packet(PacketTypes.SessionOpenOk, id, []);
        open.Spec[SpecKeys.ConnectionType] = ByteString.CopyFromUtf8(session?.Profile.Type ?? ConnectionProfile.CustomType);
        if (services.CommandOf(connection, request.ClientArgs) is { } command)
        {
            open.Spec[SpecKeys.Command] = ByteString.CopyFromUtf8(command);
        }

        return responses.WriteAsync(open, _cancel);
    }

    /// <summary>Writes the output as it comes, then the close with the exit code (and the reason a run ended without one of its own).</summary>
    private async Task StreamOutputAsync(ISessionGrain grain)
    {
        var http = context.GetHttpContext();
        using var lease = services.Sessions.Streams.Open(http, caller.Name, services.Sessions.Bounds.StreamsOf(caller));
        var id = grain.GetPrimaryKeyString();
        long offset = 0;
        while (true)
        {
            var piece = await grain.ReadOutput(caller.Actor, offset, OutputStream.PieceBytes, SessionLimits.MaxCallWait).WaitAsync(_cancel)
                ?? throw new RpcException(new Status(StatusCode.NotFound, $"session {id} is gone"));
            if (piece.Bytes.Length > 0)
            {
                await responses.WriteAsync(Packet(PacketTypes.WriteStdout, id, piece.Bytes), _cancel);
                offset = piece.Offset + piece.Bytes.Length;
            }

            if (piece.Finished is { } final)
            {
                var close = Packet(PacketTypes.SessionClose, id, final.ExitCode == 0 || final.FailureReason is null ? [] : Encoding.UTF8.GetBytes(Printable(final.FailureReason)));
                if (final.ExitCode is { } exitCode)
                {
                    close.Spec[SpecKeys.ExitCode] = ByteString.CopyFromUtf8(exitCode.ToString(CultureInfo.InvariantCulture));
                }

                await responses.WriteAsync(close, _cancel);
                return;
            }
        }
    }

    private async Task KillAsync(ISessionGrain grain)
    {
        try
        {
            await grain.Kill(caller.Actor);
        }
        catch (Exception e)
        {
            services.KillFailed(e, grain.GetPrimaryKeyString());
        }
    }

    private Task SendAsync(string type, string id, byte[] payload) => responses.WriteAsync(Packet(type, id, payload), _cancel);

    private static Packet Packet(string type, string id, byte[] payload)
    {
        var packet = new Packet { Type = type, Payload = ByteString.CopyFrom(payload) };
        packet.Spec[SpecKeys.SessionId] = ByteString.CopyFromUtf8(id);
        return packet;
    }

    /// <summary>hoop's words for a rejection, with the reviewer's reason and name made safe for a terminal.</summary>
    private static string Denial(SessionRecord session)
    {
        var message = "Access to connection has been denied";
        if (session.Review is { RejectionReason: { Length: > 0 } reason })
        {
            message += "\n  Reason: " + Printable(reason);
        }

        if (session.Review is { ReviewedBy: { Length: > 0 } by })
        {
            message += "\n  Rejected by " + Printable(by);
        }

        return session.Review?.Status == SessionReview.Rejected ? message : $"the session ended before it ran: {Printable(session.FailureReason ?? "")}";
    }

    /// <summary>Text for a terminal: control characters (escape sequences, newlines) become spaces, and it is cut at 512 characters.</summary>
    private static string Printable(string text)
    {
        var cut = text.Length > 512 ? text[..512] : text;
        return string.Create(cut.Length, cut, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
    }
}
