using Microsoft.Extensions.Logging;

namespace HoopOrleans.Processes;

/// <summary>
/// Makes sure a node's runs do not outlive the node. Every run carries the node's token in its
/// environment, and a small watcher process holds the read end of a pipe whose write end only
/// this process has. However this process ends (a clean stop, a crash, SIGKILL), the kernel
/// closes that pipe; the watcher then kills every process whose environment carries the token,
/// including children that left the run's process group.
/// </summary>
public sealed partial class OrphanGuard : IDisposable
{
    /// <summary>The environment variable that marks a run as this node's.</summary>
    public const string Variable = "HOOP_RUN_GUARD";

    // Runs as bash: blocks until the pipe closes, then sweeps /proc for marked processes until none is left.
    private const string WatcherScript = """
        marker="$1"
        while read -r _; do :; done
        for _ in 1 2 3 4 5; do
          found=0
          for environ in /proc/[0-9]*/environ; do
            if grep -qzxF -- "$marker" "$environ" 2>/dev/null; then
              pid=${environ#/proc/}
              kill -KILL "${pid%/environ}" 2>/dev/null && found=1
            fi
          done
          [ "$found" = 0 ] && break
        done
        """;

    private readonly ChildProcess _watcher;

    public OrphanGuard(ProcessEventLoop loop, ILogger<OrphanGuard> logger)
    {
        Marker = $"{Variable}={Guid.NewGuid():N}";
        _watcher = HelperProcesses.Spawn(["bash", "-c", WatcherScript, "hoop-orphan-guard", Marker], ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"]);
        _watcher.Output!.Dispose();
        try
        {
            loop.Watch(_watcher);
        }
        catch
        {
            _watcher.KillAndReap();
            throw;
        }

        _ = ReportUnexpectedExitAsync(logger);
    }

    /// <summary>The <c>NAME=value</c> entry every run of this node gets in its environment.</summary>
    public string Marker { get; }

    private bool Disposed { get; set; }

    private async Task ReportUnexpectedExitAsync(ILogger logger)
    {
        await _watcher.Exited.ConfigureAwait(false);
        if (!Disposed)
        {
            WatcherExited(logger);
        }
    }

    /// <summary>Closes the pipe: the watcher ends whatever runs of this node are still alive, then exits.</summary>
    public void Dispose()
    {
        if (!Disposed)
        {
            Disposed = true;
            _watcher.Input!.Dispose();
        }
    }

    [LoggerMessage(1, LogLevel.Error, "The orphan guard exited; runs of this node would outlive a crash of it")]
    private static partial void WatcherExited(ILogger logger);
}
