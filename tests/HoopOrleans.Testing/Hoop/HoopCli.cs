using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using HoopOrleans.Testing.Hoop.Wire;

namespace HoopOrleans.Testing.Hoop;

/// <summary>
/// <c>hoop exec</c> as hoop's CLI runs it (hoophq/hoop, client/cmd/exec.go and common/grpc): the
/// stream's metadata, a keep-alive first, the open with the script and its spec, the script again
/// as stdin once the session is open, another open after an approval, and everything read until
/// the close, whose exit code the CLI exits with (254 when there is none).
/// </summary>
public sealed class HoopCli
{
    private readonly Uri? _address;
    private readonly GrpcChannel? _channel;
    private readonly string _token;

    /// <summary>Each exec on a channel (a connection) of its own, as each run of hoop's CLI is a process of its own.</summary>
    /// <param name="address">The front end's gRPC listener (plaintext: hoop's CLI's local mode, or a <c>grpc://</c> URL).</param>
    /// <param name="token">The bearer token; hoop's local mode sends an empty one.</param>
    public HoopCli(Uri address, string token = "")
    {
        _address = address;
        _token = token;
    }

    /// <summary>
    /// Every exec a new stream on <paramref name="channel"/>, which the caller owns: a load of many
    /// execs measures the service, not a TCP and HTTP/2 handshake per run on the client's side.
    /// </summary>
    /// <param name="channel">Made by <see cref="ChannelFor"/>, so that it takes what a channel of its own would.</param>
    /// <param name="token">The bearer token; hoop's local mode sends an empty one.</param>
    public HoopCli(GrpcChannel channel, string token = "")
    {
        _channel = channel;
        _token = token;
    }

    /// <summary>A channel to <paramref name="address"/> as each exec of <see cref="HoopCli(Uri, string)"/> opens it.</summary>
    public static GrpcChannel ChannelFor(Uri address) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = 17 * 1024 * 1024 });

    public async Task<HoopExecResult> ExecAsync(
        string connection,
        string input,
        byte[]? argsGob = null,
        byte[]? envVarsGob = null,
        Func<string, Task>? onWaitingApproval = null,
        Func<string, bool>? goAwayWhen = null,
        string? correlationId = null,
        Func<string, Task>? onOutput = null,
        string verb = "exec")
    {
        using var owned = _channel is null ? ChannelFor(_address!) : null;
        var channel = _channel ?? owned!;
        var metadata = new Metadata
        {
            { "version", "1.40.0" }, { "go-version", "go1.24.0" }, { "compiler", "gc" }, { "platform", "linux/amd64" },
            { "hostname", "test-host" }, { "machine-id", "0123456789abcdef" }, { "kernel-version", Environment.OSVersion.VersionString },
            { "connection-name", connection }, { "origin", "client" }, { "verb", verb },
            { "authorization", $"Bearer {_token}" },
        };
        if (correlationId is not null)
        {
            metadata.Add("correlation-id", correlationId);
        }

        using var goAway = new CancellationTokenSource();
        using var call = new Transport.TransportClient(channel).Connect(metadata, cancellationToken: goAway.Token);
        var spec = new Dictionary<string, ByteString>();
        if (argsGob is not null)
        {
            spec["terminal.args"] = ByteString.CopyFrom(argsGob);
        }

        if (envVarsGob is not null)
        {
            spec["terminal.envvars"] = ByteString.CopyFrom(envVarsGob);
        }

        var payload = ByteString.CopyFromUtf8(input);
        await SendAsync(call, new Packet { Type = "GatewayKeepAlive" });
        await SendAsync(call, Open(spec, payload));

        var stdout = new MemoryStream();
        var seen = new List<string>();
        string? sessionId = null;
        try
        {
            while (await call.ResponseStream.MoveNext(goAway.Token))
            {
                var packet = call.ResponseStream.Current;
                seen.Add(packet.Type);
                switch (packet.Type)
                {
                    case "ClientSessionOpenWaitingApproval":
                        sessionId = packet.Spec["gateway.session_id"].ToStringUtf8();
                        if (onWaitingApproval is not null)
                        {
                            await onWaitingApproval(packet.Payload.ToStringUtf8());
                        }

                        break;
                    case "ClientSessionOpenApproveOK":
                        await SendAsync(call, Open(spec, payload));
                        break;
                    case "ClientSessionOpenOK":
                        sessionId = packet.Spec["gateway.session_id"].ToStringUtf8();
                        var stdin = Open(spec, payload);
                        stdin.Type = "AgentExecWriteStdin";
                        stdin.Spec["gateway.session_id"] = packet.Spec["gateway.session_id"];
                        await SendAsync(call, stdin);
                        break;
                    case "ClientWriteStdout" or "ClientWriteStderr":
                        packet.Payload.WriteTo(stdout);
                        if (onOutput is not null)
                        {
                            await onOutput(Encoding.UTF8.GetString(stdout.ToArray()));
                        }

                        if (goAwayWhen?.Invoke(Encoding.UTF8.GetString(stdout.ToArray())) == true)
                        {
                            await goAway.CancelAsync();
                            return new HoopExecResult(null, Encoding.UTF8.GetString(stdout.ToArray()), null, seen, sessionId, packet.Spec);
                        }

                        break;
                    case "ClientSessionClose":
                        var code = packet.Spec.TryGetValue("client.exit_code", out var text) && int.TryParse(text.ToStringUtf8(), out var parsed) ? parsed : 254;
                        return new HoopExecResult(code, Encoding.UTF8.GetString(stdout.ToArray()), packet.Payload.IsEmpty ? null : packet.Payload.ToStringUtf8(), seen, sessionId, packet.Spec);
                }
            }
        }
        finally
        {
            await call.RequestStream.CompleteAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // hoop's CLI fails with "EOF" when the stream ends before the close.
        throw new EndOfStreamException($"EOF after {string.Join(", ", seen)}");
    }

    /// <summary>
    /// Sends a packet as grpc-go's <c>Send</c> does: a stream the server has already ended takes
    /// nothing (grpc-go answers <c>io.EOF</c>), and the CLI learns why from its next read, which
    /// carries the server's status.
    /// </summary>
    private static async Task SendAsync(AsyncDuplexStreamingCall<Packet, Packet> call, Packet packet)
    {
        try
        {
            await call.RequestStream.WriteAsync(packet);
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // The server's status, as the next read would give it.
            await call.ResponseStream.MoveNext(CancellationToken.None);
            throw;
        }
    }

    private static Packet Open(Dictionary<string, ByteString> spec, ByteString payload)
    {
        var open = new Packet { Type = "AgentSessionOpen", Payload = payload };
        open.Spec.Add(spec);
        return open;
    }
}
