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

    /// <summary>Takes one place for a run, or returns false when every place is taken.</summary>
    public bool TryReserve()
    {
        if (Interlocked.Increment(ref _reserved) <= _maxRuns)
        {
            return true;
        }

        Interlocked.Decrement(ref _reserved);
        return false;
    }

    /// <summary>Gives back a place taken by <see cref="TryReserve"/> that will not be used.</summary>
    public void Release() => Interlocked.Decrement(ref _reserved);

    /// <summary>Starts a run in a place taken by <see cref="TryReserve"/>, on the caller's thread; the place is given back when the run ends.</summary>
    public ProcessRun Start(RunSpec spec) => new(_loop, _runLauncher, spec, _guard.Marker, _maxOutputBytes, Release);

    /// <summary>
    /// Starts a run like <see cref="Start"/>. Starting a program blocks its caller until the program
    /// has been exec'd, which under a burst of runs takes milliseconds each: one start at a time
    /// happens right here, saving the hand-over when runs come one by one, and the others queue for
    /// the launcher thread, so a burst never holds more than one thread-pool thread. While calls wait
    /// to be answered, every start queues: the launcher holds it back for them (the queue is empty
    /// whenever the launcher has just taken a start, so the queue alone would let a burst's starts
    /// run here, ahead of its answers).
    /// Completes with null, and gives the place back, when <paramref name="cancel"/> fires first.
    /// </summary>
    public Task<ProcessRun?> StartAsync(RunSpec spec, CancellationToken cancel)
    {
        if (_pending.Count == 0 && !AnswersWaiting && Interlocked.CompareExchange(ref _startingInline, 1, 0) == 0)
        {
            try
            {
                return Task.FromResult<ProcessRun?>(Start(spec));
            }
            catch (Exception e)
            {
                Release();
                return Task.FromException<ProcessRun?>(e);
            }
            finally
            {
                Volatile.Write(ref _startingInline, 0);
            }
        }

        var start = new PendingStart(spec, cancel, new(TaskCreationOptions.RunContinuationsAsynchronously));
        _pending.Add(start);
        return start.Started.Task;
    }

    private void Launch()
    {
        foreach (var start in _pending.GetConsumingEnumerable())
        {
            if (start.Cancel.IsCancellationRequested)
            {
                Release();
                start.Started.TrySetResult(null);
                continue;
            }

            YieldToAnswers();
            try
            {
                start.Started.TrySetResult(Start(start.Spec));
            }
            catch (Exception e)
            {
                Release();
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

    private sealed record PendingStart(RunSpec Spec, CancellationToken Cancel, TaskCompletionSource<ProcessRun?> Started);
}
