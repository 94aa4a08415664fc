using System.Buffers;
using System.Diagnostics;
using System.Text;
using HoopOrleans.Sessions;

namespace HoopOrleans.Processes;

/// <summary>One started run: its process, its output, and how it ends.</summary>
public sealed class ProcessRun
{
    /// <summary>How long a process group has between SIGTERM and SIGKILL.</summary>
    public static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long output is still read after the program exited. Only a process that left the run's
    /// process group can hold the pipe open that long; the run does not wait for it.
    /// </summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    private const int ReadSize = 64 * 1024;

    private readonly ChildProcess? _child;
    private readonly OutputBuffer _output;
    private string? _stopReason;

    internal ProcessRun(ExitWatcher watcher, RunSpec spec, string guardMarker, int maxOutputBytes, Action onCompleted)
    {
        var started = Stopwatch.GetTimestamp();
        _output = new OutputBuffer(maxOutputBytes);
        try
        {
            _child = ProcessSpawner.Spawn(spec.Argv, spec.Environment, guardMarker);
        }
        catch (SpawnException e)
        {
            onCompleted();
            Completion = Task.FromResult(new ProcessOutcome(
                ExitCodes.ServiceError, Encoding.UTF8.GetBytes(e.Message + "\n"), false, TimeSpan.Zero, FailureReasons.StartFailed));
            return;
        }

        watcher.Watch(_child);
        Completion = RunAsync(_child, spec, _output, started, onCompleted);
    }

    /// <summary>The output kept so far, readable while the run goes on.</summary>
    public OutputBuffer Output => _output;

    /// <summary>Completes when the program has exited and its output has been collected.</summary>
    public Task<ProcessOutcome> Completion { get; }

    /// <summary>The process id, or null when the program could not be started.</summary>
    public int? Pid => _child?.Pid;

    /// <summary>
    /// Ends the run's whole process group: SIGTERM, then SIGKILL after <see cref="KillGrace"/>.
    /// The first reason given is the one reported. Does nothing once the run has ended.
    /// </summary>
    public void Kill(string reason)
    {
        if (_child is null || Completion.IsCompleted || Interlocked.CompareExchange(ref _stopReason, reason, null) is not null)
        {
            return;
        }

        _child.SignalGroup(Libc.SIGTERM);
        _ = ForceKillAfterGraceAsync(_child);
    }

    private static async Task ForceKillAfterGraceAsync(ChildProcess child)
    {
        if (await Task.WhenAny(child.Exited, Task.Delay(KillGrace)) != child.Exited)
        {
            child.SignalGroup(Libc.SIGKILL);
        }
    }

    private async Task<ProcessOutcome> RunAsync(ChildProcess child, RunSpec spec, OutputBuffer output, long started, Action onCompleted)
    {
        try
        {
            using var drain = new CancellationTokenSource();
            var feeding = FeedAsync(child.Input, spec.Stdin, drain.Token);
            var capturing = CaptureAsync(child.Output, output, drain.Token);

            int status;
            using (var timeout = new CancellationTokenSource(spec.Timeout))
            using (timeout.Token.Register(() => Kill(FailureReasons.TimedOut)))
            {
                status = await child.Exited.ConfigureAwait(false);
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            drain.CancelAfter(DrainGrace);
            await capturing.ConfigureAwait(false);
            drain.Cancel();
            await feeding.ConfigureAwait(false);
            child.Dispose();

            var reason = Volatile.Read(ref _stopReason);
            var exitCode = reason is not null || status == ChildProcess.UnknownStatus ? ExitCodes.ServiceError : DecodeExitCode(status);
            return new ProcessOutcome(exitCode, output.ToArray(), output.Truncated, elapsed, reason);
        }
        finally
        {
            onCompleted();
        }
    }

    /// <summary>Exit code from a wait status: the program's own, or 128+N when signal N ended it.</summary>
    internal static int DecodeExitCode(int status)
    {
        var signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : ExitCodes.SignalBase + signal;
    }

    private static async Task FeedAsync(Stream input, string stdin, CancellationToken cancel)
    {
        try
        {
            if (stdin.Length > 0)
            {
                var bytes = Encoding.UTF8.GetBytes(stdin);
                await input.WriteAsync(bytes, cancel).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The program exited or closed its stdin without reading all of it; that is its choice.
        }
        finally
        {
            await input.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task CaptureAsync(Stream source, OutputBuffer output, CancellationToken cancel)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            int read;
            while ((read = await source.ReadAsync(chunk, cancel).ConfigureAwait(false)) > 0)
            {
                output.Append(chunk.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Reading stops when the drain grace ends; what was read is kept.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
