using System.IO.Compression;
using System.Net.Sockets;
using System.Text;

namespace HoopOrleans.Api.Tests.Compatibility;

/// <summary>
/// Sends request bytes exactly as given over a TCP socket and reads one HTTP/1.1 response: a body
/// of <c>Content-Length</c> bytes, chunked, or up to the close, gunzipped when the server chose
/// gzip (Go's transport does so for the <c>Accept-Encoding: gzip</c> it added itself).
/// </summary>
public static class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri server, byte[] request)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, cancel.Token);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(request, cancel.Token);
        var reader = new Reader(stream, cancel.Token);

        int status;
        List<(string, string)> headers;
        do
        {
            var statusLine = await reader.LineAsync();
            var parts = statusLine.Split(' ', 3);
            Assert.Equal("HTTP/1.1", parts[0]);
            status = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            headers = await reader.HeadersAsync();
        }
        while (status is >= 100 and < 200);

        var response = new RawResponse(status, headers, []);
        var body = status is 204 or 304 ? []
            : response.Header("Transfer-Encoding") is { } coding && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase)
            ? await reader.ChunkedAsync()
            : response.Header("Content-Length") is { } length
                ? await reader.ExactlyAsync(int.Parse(length, System.Globalization.CultureInfo.InvariantCulture))
                : await reader.ToEndAsync();
        if (response.Header("Content-Encoding") is "gzip")
        {
            await using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
            var plain = new MemoryStream();
            await gzip.CopyToAsync(plain, cancel.Token);
            body = plain.ToArray();
        }

        return response with { Body = body };
    }

    private sealed class Reader(Stream stream, CancellationToken cancel)
    {
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        public async Task<string> LineAsync()
        {
            var line = new MemoryStream();
            while (true)
            {
                if (_start == _end && !await FillAsync())
                {
                    throw new EndOfStreamException("the connection closed inside a line");
                }

                var b = _buffer[_start++];
                if (b == '\n')
                {
                    var bytes = line.ToArray();
                    Assert.True(bytes.Length > 0 && bytes[^1] == '\r', "a line must end with CRLF");
                    return Encoding.ASCII.GetString(bytes, 0, bytes.Length - 1);
                }

                line.WriteByte(b);
            }
        }

        public async Task<List<(string, string)>> HeadersAsync()
        {
            var headers = new List<(string, string)>();
            while (await LineAsync() is { Length: > 0 } line)
            {
                var colon = line.IndexOf(':');
                headers.Add((line[..colon], line[(colon + 1)..].Trim()));
            }

            return headers;
        }

        public async Task<byte[]> ExactlyAsync(int count)
        {
            var bytes = new byte[count];
            for (var done = 0; done < count;)
            {
                if (_start == _end && !await FillAsync())
                {
                    throw new EndOfStreamException($"the body ended after {done} of {count} bytes");
                }

                var take = Math.Min(count - done, _end - _start);
                Array.Copy(_buffer, _start, bytes, done, take);
                _start += take;
                done += take;
            }

            return bytes;
        }

        public async Task<byte[]> ChunkedAsync()
        {
            var body = new MemoryStream();
            while (true)
            {
                var size = Convert.ToInt32((await LineAsync()).Split(';')[0].Trim(), 16);
                if (size == 0)
                {
                    await HeadersAsync();
                    return body.ToArray();
                }

                body.Write(await ExactlyAsync(size));
                Assert.Equal("", await LineAsync());
            }
        }

        public async Task<byte[]> ToEndAsync()
        {
            var body = new MemoryStream();
            do
            {
                body.Write(_buffer, _start, _end - _start);
                _start = _end;
            }
            while (await FillAsync());

            return body.ToArray();
        }

        private async Task<bool> FillAsync()
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, cancel);
            return _end > 0;
        }
    }
}
