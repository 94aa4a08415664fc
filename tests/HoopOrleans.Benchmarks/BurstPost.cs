using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HoopOrleans.Benchmarks;

/// <summary>
/// B4's burst the way a load generator written in C sends it: every request on a connection of
/// its own, written from bytes prepared once, and the answer read to its end without parsing more
/// than its framing. An HttpClient opening 2,000 connections took as much CPU as the service did to
/// answer them, and the two share the machine's cores.
/// </summary>
public sealed class BurstPost
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LastChunk = "0\r\n\r\n"u8.ToArray();

    private readonly int _port;
    private readonly byte[] _request;

    public BurstPost(int port, string path, string jsonBody)
    {
        _port = port;
        var body = Encoding.UTF8.GetBytes(jsonBody);
        _request = [.. Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"), .. body];
    }

    /// <summary>Sends the request on a new connection and returns the answer's status code once all of the answer has arrived.</summary>
    public async Task<int> SendAsync()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, _port);
        await socket.SendAsync(_request);

        var answer = new byte[16 * 1024];
        var length = 0;
        while (true)
        {
            var read = await socket.ReceiveAsync(answer.AsMemory(length));
            if (read == 0)
            {
                throw new InvalidOperationException("the connection closed before the answer was whole");
            }

            length += read;
            if (IsWhole(answer.AsSpan(0, length)))
            {
                // "HTTP/1.1 202 Accepted": the code is the status line's second word.
                return int.Parse(answer.AsSpan(9, 3));
            }

            if (length == answer.Length)
            {
                throw new InvalidOperationException("the answer is larger than a burst answer should be");
            }
        }
    }

    private static bool IsWhole(ReadOnlySpan<byte> answer)
    {
        var headerEnd = answer.IndexOf(HeaderEnd);
        if (headerEnd < 0)
        {
            return false;
        }

        var headers = Encoding.ASCII.GetString(answer[..headerEnd]);
        var body = answer[(headerEnd + HeaderEnd.Length)..];
        foreach (var line in headers.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                return body.Length >= int.Parse(line.AsSpan("Content-Length:".Length).Trim());
            }
        }

        // Without a length the body is chunked, and ends with the empty chunk.
        return body.EndsWith(LastChunk);
    }
}
