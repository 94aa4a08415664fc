using System.Diagnostics;
using HoopOrleans.Processes;

namespace HoopOrleans.Sessions;

/// <summary>
/// A session's program from launch to outcome: it owns the process, the cancellation of a start
/// still in progress, and why the run was stopped. A stop that comes before the program exists
/// is remembered, so the program then never starts.
/// </summary>
internal sealed class SessionRun
{
    private readonly TaskCompletionSource _launched = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _cancelStart;

    /// <summary>The running program, once started.</summary>
    public ProcessRun? Process { get; private set; }

    /// <summary>Why the run was stopped (the first reason given), or why it could not start.</summary>
    public string? StopReason { get; private set; }

    /// <summary>Completes when the program has started.</summary>
    public Task Launched => _launched.Task;

    /// <summary>
    /// Starts the program <paramref name="prepare"/> describes in <paramref name="slot"/>, unless a
    /// stop came first: then, or when the start was cancelled or failed (<paramref name="prepare"/>
    /// included), it is null and <see cref="StopReason"/> says why. The slot
    /// stays the caller's to dispose.
    /// </summary>
    public async Task<ProcessRun?> StartAsync(ProcessRunner runner, Func<Task<RunSpec>> prepare, RunSlot slot, Action<Exception> startFailed)
    {
        if (StopReason is not null)
        {
            // Stopped while its start was being stored: the program never starts.
            return null;
        }

        var cancelStart = _cancelStart = new CancellationTokenSource();
        ProcessRun? process;
        try
        {
            // Who the run is (its caller's uid, from the store the first time) is part of its start:
            // when it cannot be known, the run fails to start like any other start that failed.
            var spec = await prepare();
            process = StopReason is null ? await runner.StartAsync(spec, slot, cancelStart.Token) : null;
        }
        catch (Exception e)
        {
            startFailed(e);
            StopReason = FailureReasons.StartFailed;
            return null;
        }
        finally
        {
            _cancelStart = null;
            cancelStart.Dispose();
        }

        if (process is null)
        {
            return null;
        }

        Process = process;
        _launched.TrySetResult();
        if (StopReason is not null)
        {
            // Stopped while the launcher was already starting it.
            process.Kill();
        }

        return process;
    }

    /// <summary>Ends the program, or makes sure it never starts when its start is still to come.</summary>
    public void Stop(string reason)
    {
        StopReason ??= reason;
        if (Process is { } process)
        {
            process.Kill();
            return;
        }

        _cancelStart?.Cancel();
    }

    /// <summary>Waits up to <paramref name="wait"/> in all for output past <paramref name="offset"/>, or for <paramref name="ended"/>.</summary>
    public async Task WaitForOutputAsync(long offset, TimeSpan wait, Task ended)
    {
        var started = Stopwatch.GetTimestamp();
        if (Process is null)
        {
            await Task.WhenAny(Launched, ended).UpTo(wait);
        }

        var left = wait - Stopwatch.GetElapsedTime(started);
        if (Process is { } process && process.Output.Length <= offset && left > TimeSpan.Zero)
        {
            await Task.WhenAny(process.Output.WaitForMoreThanAsync(offset), ended).UpTo(left);
        }
    }

    /// <summary>Output read so far, from <paramref name="offset"/> on.</summary>
    public byte[] Read(long offset, int maxBytes) => Process?.Output.Read(offset, maxBytes) ?? [];
}
