using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Processes;

/// <summary>Starts runs on this node and keeps their number within <see cref="RunnerLimits.MaxConcurrentRuns"/>.</summary>
public sealed class ProcessRunner : IDisposable
{
    private readonly ProcessEventLoop _loop;
    private readonly OrphanGuard _guard;
    private readonly RunLauncher _runLauncher;
    private readonly int _maxRuns;
    private readonly int _maxOutputBytes;
    private readonly int _backlogWorkItems;
    private readonly TimeSpan _backlogPollInterval;
    private readonly TimeSpan _maxBacklogWait;
    private readonly BlockingCollection<PendingStart> _pending = new();
    private readonly Thread _launcher;
    private int _reserved;
    private int _startingInline;

    public ProcessRunner(ProcessEventLoop loop, OrphanGuard guard, RunLauncher launcher, RunnerLimits limits, IOptions<ProcessRunnerOptions>? options = null)
    {
        var settings = options?.Value ?? new ProcessRunnerOptions();
        _loop = loop;
        _guard = guard;
        _runLauncher = launcher;
        _maxRuns = limits.MaxConcurrentRuns;
        _maxOutputBytes = limits.MaxOutputBytes;
        _backlogWorkItems = settings.BacklogWorkItems;
        _backlogPollInterval = settings.BacklogPollInterval;
        _maxBacklogWait = settings.MaxBacklogWait;
        _launcher = new Thread(Launch) { IsBackground = true, Name = "hoop-launcher" };
        _launcher.Start();
    }

    /// <summary>How many runs hold a place now.</summary>
    public int Running => Volatile.Read(ref _reserved);

    /// <summary>Takes one place for a run, or returns null when every place is taken.</summary>
    public RunSlot? TryReserve()
    {
        if (Interlocked.Increment(ref _reserved) <= _maxRuns)
        {
            return new RunSlot(this);
        }

        Interlocked.Decrement(ref _reserved);
        return null;
    }

    /// <summary>Called by <see cref="RunSlot.Dispose"/> only, once per slot.</summary>
    internal void Release() => Interlocked.Decrement(ref _reserved);

    /// <summary>
    /// Starts a run in <paramref name="slot"/>, on the caller's thread. The run gives the slot back
    /// when its program has exited (or could not start); the caller still disposes it on every path,
    /// which is then a no-op.
    /// </summary>
    public ProcessRun Start(RunSpec spec, RunSlot slot) => new(_loop, _runLauncher, spec, _guard.Marker, _maxOutputBytes, slot);

    /// <summary>
    /// Starts a run like <see cref="Start"/>. Starting a program blocks its caller until the program
    /// has been exec'd, which under a burst of runs takes milliseconds each: one start at a time
    /// happens right here, saving the hand-over when runs come one by one, and the others queue for
    /// the launcher thread, so a burst never holds more than one thread-pool thread. While calls wait
    /// to be answered, every start queues: the launcher holds it back for them (the queue is empty
    /// whenever the launcher has just taken a start, so the queue alone would let a burst's starts
    /// run here, ahead of its answers).
    /// Completes with null when <paramref name="cancel"/> fires first; the slot stays the caller's to dispose.
    /// </summary>
    public Task<ProcessRun?> StartAsync(RunSpec spec, RunSlot slot, CancellationToken cancel)
    {
        if (_pending.Count == 0 && !AnswersWaiting && Interlocked.CompareExchange(ref _startingInline, 1, 0) == 0)
        {
            try
            {
                return Task.FromResult<ProcessRun?>(Start(spec, slot));
            }
            catch (Exception e)
            {
                return Task.FromException<ProcessRun?>(e);
            }
            finally
            {
                Volatile.Write(ref _startingInline, 0);
            }
        }

        var start = new PendingStart(spec, slot, cancel, new(TaskCreationOptions.RunContinuationsAsynchronously));
        _pending.Add(start);
        return start.Started.Task;
    }

    private void Launch()
    {
        foreach (var start in _pending.GetConsumingEnumerable())
        {
            if (start.Cancel.IsCancellationRequested)
            {
                start.Started.TrySetResult(null);
                continue;
            }

            YieldToAnswers();
            try
            {
                start.Started.TrySetResult(Start(start.Spec, start.Slot));
            }
            catch (Exception e)
            {
                start.Started.TrySetException(e);
            }
        }
    }

    /// <summary>
    /// Under a burst the starts queued here would take the CPU from answering the burst itself (each
    /// start is milliseconds of kernel and program start-up), so while the thread pool has a backlog
    /// a start waits for it, a little at a time and never long: answers first, then starts.
    /// </summary>
    private void YieldToAnswers()
    {
        for (var waited = TimeSpan.Zero; waited < _maxBacklogWait && AnswersWaiting; waited += _backlogPollInterval)
        {
            Thread.Sleep(_backlogPollInterval);
        }
    }

    /// <summary>Whether the thread pool has more than <see cref="ProcessRunnerOptions.BacklogWorkItems"/> waiting.</summary>
    private bool AnswersWaiting => ThreadPool.PendingWorkItemCount > _backlogWorkItems;

    public void Dispose()
    {
        _pending.CompleteAdding();
        _launcher.Join();
        _pending.Dispose();
    }

    private sealed record PendingStart(RunSpec Spec, RunSlot Slot, CancellationToken Cancel, TaskCompletionSource<ProcessRun?> Started);
}
