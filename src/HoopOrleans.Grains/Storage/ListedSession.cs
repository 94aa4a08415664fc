using HoopOrleans.Sessions;

namespace HoopOrleans.Storage;

/// <summary>A session as a listing carries it: without its script and output, with their sizes.</summary>
/// <param name="Session">The session, its script empty and its output empty.</param>
/// <param name="ScriptSize">Bytes of the script, as UTF-8.</param>
/// <param name="OutputSize">Bytes of the stored output.</param>
public sealed record ListedSession(SessionRecord Session, long ScriptSize, long OutputSize)
{
    /// <summary>The list item of a whole session.</summary>
    public static ListedSession Of(SessionRecord session) => new(
        session with { Request = session.Request with { Script = "" }, Output = [] },
        System.Text.Encoding.UTF8.GetByteCount(session.Request.Script),
        session.Output.Length);
}
