namespace HoopOrleans.Api.Sessions;

/// <summary>How <c>event_stream</c> carries a session's output (hoop.dev's <c>event_stream</c> parameter).</summary>
internal enum EventStreamFormat
{
    /// <summary>No format asked for: hoop's raw events, here the one event <c>[0, "o", "&lt;base64&gt;"]</c>.</summary>
    Events,

    /// <summary><c>utf8</c>: one string, the output as text.</summary>
    Utf8,

    /// <summary><c>base64</c>: one string, the output's bytes in base64.</summary>
    Base64,
}
