using System.Diagnostics;
using System.Text;

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

    private readonly ChildProcess? _child;
    private readonly OutputBuffer _output;

    /// <summary>How the runner ended the run, as a <see cref="RunEnding"/>; <see cref="RunEnding.Exited"/> until one did.</summary>
    private int _ending;

    /// <param name="slot">The run's place on the node, given back the moment the program has exited or could not start.</param>
    internal ProcessRun(ProcessEventLoop loop, RunLauncher launcher, RunSpec spec, string guardMarker, int maxOutputBytes, RunSlot slot)
    {
        var started = Stopwatch.GetTimestamp();
        _output = new OutputBuffer(maxOutputBytes);
        try
        {
            _child = launcher.Start(spec, guardMarker);
        }
        catch (SpawnException e)
        {
            slot.Dispose();
            Completion = Task.FromResult(new ProcessOutcome(RunEnding.NotStarted, null, Encoding.UTF8.GetBytes(e.Message + "\n"), false, TimeSpan.Zero));
            return;
        }

        // A program the loop cannot take would never be read or reaped: it is ended here.
        try
        {
            loop.Watch(_child);
        }
        catch
        {
            _child.KillAndReap();
            throw;
        }

        RunPipes pipes;
        try
        {
            pipes = loop.Attach(_child, Encoding.UTF8.GetBytes(spec.Stdin), _output);
        }
        catch
        {
            // The loop watches its exit and reaps it; Attach closed the pipes.
            _child.SignalGroup(Libc.SIGKILL);
            throw;
        }

        Completion = RunAsync(_child, pipes, spec.Timeout, started, slot);
    }

    /// <summary>The output kept so far, readable while the run goes on.</summary>
    public OutputBuffer Output => _output;

    /// <summary>Completes when the program has exited and its output has been collected.</summary>
    public Task<ProcessOutcome> Completion { get; }

    /// <summary>The process id, or null when the program could not be started.</summary>
    public int? Pid => _child?.Pid;

    /// <summary>
    /// Ends the run's whole process group: SIGTERM, then SIGKILL after <see cref="KillGrace"/>; the
    /// outcome says <see cref="RunEnding.Killed"/>. Does nothing once the run has ended or the runner
    /// is already ending it (a timeout that came first stays the reported ending).
    /// </summary>
    public void Kill() => End(RunEnding.Killed);

    private void End(RunEnding ending)
    {
        if (_child is null || Completion.IsCompleted || Interlocked.CompareExchange(ref _ending, (int)ending, (int)RunEnding.Exited) != (int)RunEnding.Exited)
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

    private async Task<ProcessOutcome> RunAsync(ChildProcess child, RunPipes pipes, TimeSpan timeout, long started, RunSlot slot)
    {
        try
        {
            int status;
            using (var timer = new CancellationTokenSource(timeout))
            using (timer.Token.Register(() => End(RunEnding.TimedOut)))
            {
                status = await child.Exited.ConfigureAwait(false);
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            await pipes.OutputEnded.WaitAsync(DrainGrace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await pipes.CloseAsync().ConfigureAwait(false);

            var ending = (RunEnding)Volatile.Read(ref _ending);
            int? exitCode = ending == RunEnding.Exited && status != ChildProcess.UnknownStatus ? DecodeExitCode(status) : null;
            return new ProcessOutcome(ending, exitCode, _output.ToArray(), _output.Truncated, elapsed);
        }
        finally
        {
            slot.Dispose();
        }
    }

    /// <summary>Exit code from a wait status: the program's own, or 128+N when signal N ended it, as shells report it.</summary>
    internal static int DecodeExitCode(int status)
    {
        const int signalBase = 128;
        var signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : signalBase + signal;
    }
}
