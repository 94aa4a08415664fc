namespace HoopOrleans.Processes;

/// <summary>
/// How a run ended, as the runner saw it. What each means to its caller (an exit code of its own,
/// a reason to show) is the caller's to say: the runner knows processes, not sessions.
/// </summary>
public enum RunEnding
{
    /// <summary>The program exited by itself, or a signal from outside the runner ended it.</summary>
    Exited,

    /// <summary><see cref="ProcessRun.Kill"/> ended it before it exited.</summary>
    Killed,

    /// <summary>It outlived its <see cref="RunSpec.Timeout"/> and the runner ended it.</summary>
    TimedOut,

    /// <summary>The program could not be started; the outcome's output says why.</summary>
    NotStarted,
}
