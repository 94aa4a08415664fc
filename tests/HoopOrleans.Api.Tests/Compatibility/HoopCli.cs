using System.Text;

namespace HoopOrleans.Api.Tests.Compatibility;

/// <summary>
/// The requests hoop.dev's CLI makes, byte for byte as Go's <c>net/http</c> writes them
/// (hoophq/hoop client/cmd/sessions.go @06dc3dd6, client/cmd/exec.go, client/cmd/admin/apiutils.go):
/// the request line, <c>Host</c>, <c>User-Agent</c>, <c>Content-Length</c> for a POST, the headers
/// the CLI set in sorted order, then the transport's own <c>Accept-Encoding: gzip</c>. An API key is
/// sent both as <c>Authorization: Bearer</c> and as <c>Api-Key</c>; <c>sessions</c> and <c>admin</c>
/// set <c>Content-Type: application/json</c> even on a GET, <c>exec --session</c> sets none and sends
/// no body.
/// </summary>
public static class HoopCli
{
    /// <summary>A released CLI's <c>hoopcli/&lt;version&gt;</c>.</summary>
    public const string UserAgent = "hoopcli/1.35.12";

    /// <summary><c>hoop sessions get &lt;id&gt;</c>: no query string.</summary>
    public static byte[] SessionsGet(Uri api, string token, string id) => Get(api, token, $"/api/sessions/{id}");

    /// <summary>
    /// <c>hoop sessions list</c> with its flags as fetchSessions maps them (<c>--role</c> to
    /// <c>connection</c>, <c>--review-status</c> to <c>review.status</c>, …), and <c>count</c> always
    /// sent, <c>capped</c> unless <c>--count</c> says otherwise.
    /// </summary>
    public static byte[] SessionsList(Uri api, string token, SessionsListFlags flags) =>
        Get(api, token, "/api/sessions?" + GoQuery.Encode(flags.Query()));

    /// <summary><c>hoop admin get sessions &lt;id&gt; -q key=value …</c>: the pairs as url.Values.</summary>
    public static byte[] AdminGetSessions(Uri api, string token, string id, params (string Key, string Value)[] query) =>
        Get(api, token, $"/api/sessions/{id}" + (query.Length > 0 ? "?" + GoQuery.Encode(query) : ""));

    /// <summary>
    /// <c>hoop admin get connections [name]</c> (client/cmd/admin/apiutils.go: path.Join of
    /// <c>/api/connections</c> and the name, so no trailing slash without one), decoded as a list
    /// (<c>[]map[string]any</c>) without a name and as an object with one.
    /// </summary>
    public static byte[] AdminGetConnections(Uri api, string token, string? name = null) =>
        Get(api, token, name is null ? "/api/connections" : $"/api/connections/{name}");

    /// <summary><c>hoop exec --session &lt;id&gt;</c>: a POST with no body, hence <c>Content-Length: 0</c>, and no <c>Content-Type</c>.</summary>
    public static byte[] ExecSession(Uri api, string token, string id) => Encoding.ASCII.GetBytes(
        $"POST /api/sessions/{id}/exec HTTP/1.1\r\n" +
        $"Host: {api.Authority}\r\n" +
        $"User-Agent: {UserAgent}\r\n" +
        "Content-Length: 0\r\n" +
        $"Api-Key: {token}\r\n" +
        $"Authorization: Bearer {token}\r\n" +
        "Accept-Encoding: gzip\r\n" +
        "\r\n");

    private static byte[] Get(Uri api, string token, string target) => Encoding.ASCII.GetBytes(
        $"GET {target} HTTP/1.1\r\n" +
        $"Host: {api.Authority}\r\n" +
        $"User-Agent: {UserAgent}\r\n" +
        $"Api-Key: {token}\r\n" +
        $"Authorization: Bearer {token}\r\n" +
        "Content-Type: application/json\r\n" +
        "Accept-Encoding: gzip\r\n" +
        "\r\n");
}
