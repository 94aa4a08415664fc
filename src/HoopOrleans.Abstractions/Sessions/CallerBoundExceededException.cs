namespace HoopOrleans.Sessions;

/// <summary>
/// A caller already holds as many runs (or streams) as its key allows; nothing was started or
/// stored. The message names the setting that bounds it, so the client and the operator both know
/// which number to look at.
/// </summary>
[GenerateSerializer]
public sealed class CallerBoundExceededException(string message) : Exception(message)
{
    /// <summary>The refusal for runs: the caller, its bound and the setting that gives it.</summary>
    public static CallerBoundExceededException Runs(string caller, int limit, string setting) =>
        new($"{caller} already has {limit} runs going, the most {setting} allows; retry once one ends");

    /// <summary>The refusal for output streams on one front end.</summary>
    public static CallerBoundExceededException Streams(string caller, int limit, string setting) =>
        new($"{caller} already reads {limit} output streams on this front end, the most {setting} allows; retry once one ends");
}
