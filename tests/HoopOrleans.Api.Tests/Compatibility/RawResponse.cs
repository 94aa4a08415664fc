using System.Text;

namespace HoopOrleans.Api.Tests.Compatibility;

/// <summary>An HTTP/1.1 response as read off the socket: status, headers in order, and the body as Go's client hands it on.</summary>
public sealed record RawResponse(int Status, IReadOnlyList<(string Name, string Value)> Headers, byte[] Body)
{
    public string? Header(string name) =>
        Headers.Where(header => header.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value).FirstOrDefault();

    public string Text => Encoding.UTF8.GetString(Body);
}
