using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace HoopOrleans.Benchmarks;

/// <summary>
/// The request of the load rows, sent the way a load generator such as wrk sends it: the body is
/// encoded once, and the answer is checked for a successful run without being parsed. The client
/// shares the two cores with the service, so what it spends is taken from the runs.
/// </summary>
public sealed class RunRequest(string connection, string script)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly byte[] _body = JsonSerializer.SerializeToUtf8Bytes(new { connection, script });

    public async Task PostAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = new ByteArrayContent(_body) };
        request.Content.Headers.ContentType = Json;
        using var response = await client.SendAsync(request);
        var answer = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK || answer.AsSpan().IndexOf("\"output_status\":\"success\""u8) < 0)
        {
            throw new InvalidOperationException($"a run did not succeed: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(answer)}");
        }
    }
}
