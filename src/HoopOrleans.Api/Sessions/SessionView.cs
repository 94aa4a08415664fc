using HoopOrleans.Api.Errors;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// What a read of one session shows, from hoop.dev's <c>expand</c> and <c>event_stream</c>
/// parameters: <c>expand=event_stream</c> adds the output as <c>event_stream</c> and, unless
/// <c>expand</c> also names <c>session_input</c>, leaves the script's text out, as hoop does.
/// </summary>
internal sealed record SessionView(bool WithScript, EventStreamFormat? EventStream)
{
    public static readonly SessionView Default = new(WithScript: true, EventStream: null);

    public const string UnknownFormat = "event_stream attribute has an unknown type format";

    /// <summary>The view the query asks for, or a <c>422</c> for an <c>event_stream</c> format hoop does not have.</summary>
    public static Parsed<SessionView> Read(IQueryCollection query)
    {
        var expand = query["expand"].ToString();
        if (expand.Length == 0)
        {
            return Default;
        }

        var parts = expand.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var withScript = parts.Contains("session_input", StringComparer.Ordinal);
        if (!parts.Contains("event_stream", StringComparer.Ordinal))
        {
            return new SessionView(withScript, null);
        }

        return query["event_stream"].ToString() switch
        {
            "" => new SessionView(withScript, EventStreamFormat.Events),
            "utf8" => new SessionView(withScript, EventStreamFormat.Utf8),
            "base64" => new SessionView(withScript, EventStreamFormat.Base64),

            // hoop parses PostgreSQL wire-protocol recordings only, and leaves the stream out of any other session.
            "raw-queries" => new SessionView(withScript, null),
            _ => Refusal.Unprocessable(UnknownFormat),
        };
    }
}
