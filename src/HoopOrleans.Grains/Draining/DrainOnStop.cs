using System.Runtime.InteropServices;
using HoopOrleans.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Draining;

/// <summary>
/// Drains the silo when the host is asked to stop (SIGTERM, or Ctrl+C): before anything stops, the
/// silo announces that it takes no new runs, then waits for its runs to end, for at most
/// <c>Orleans:DrainTimeout</c>. Only then do the web server and the silo stop, and the silo ends
/// what still runs as "node shut down". A second signal ends the wait at once. Meanwhile the node
/// keeps serving: its sessions answer reads, polls and kills as before.
/// </summary>
/// <remarks>
/// It drains in <see cref="StoppingAsync"/>, which the host calls before it stops any hosted
/// service, Kestrel and Orleans among them; the host's shutdown timeout covers it (see
/// <see cref="HoopSiloBuilderExtensions"/>).
/// </remarks>
public sealed partial class DrainOnStop(
    SiloDrainState drain,
    IDrainingSilos cluster,
    IOptions<HoopClusterOptions> options,
    ILogger<DrainOnStop> logger) : IHostedLifecycleService, IDisposable
{
    private readonly CancellationTokenSource _stopNow = new();
    private readonly List<PosixSignalRegistration> _signals = [];
    private int _signalCount;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT })
        {
            // The host's own handler asks it to stop; this one only counts, so that the second
            // signal can cut the drain short.
            _signals.Add(PosixSignalRegistration.Create(signal, _ =>
            {
                if (Interlocked.Increment(ref _signalCount) >= 2)
                {
                    _stopNow.Cancel();
                }
            }));
        }

        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var timeout = options.Value.DrainTimeout;
        drain.Begin();
        try
        {
            await cluster.AnnounceAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // This silo still refuses to start runs itself; other silos keep placing new sessions here
            // only to have them refused and retried.
            AnnounceFailed(logger, e);
        }

        Draining(logger, timeout);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopNow.Token);
        wait.CancelAfter(timeout);
        var left = await drain.WaitForRunsAsync(wait.Token);
        if (left == 0)
        {
            Drained(logger);
        }
        else
        {
            DrainCut(logger, left, _stopNow.IsCancellationRequested ? "a second signal" : "the drain timeout");
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }

        _stopNow.Dispose();
    }

    [LoggerMessage(1, LogLevel.Warning, "Draining: this silo takes no new runs and waits up to {Timeout} for its runs to end; a second SIGTERM stops at once")]
    private static partial void Draining(ILogger logger, TimeSpan timeout);

    [LoggerMessage(2, LogLevel.Information, "Drained: no run is left on this silo")]
    private static partial void Drained(ILogger logger);

    [LoggerMessage(3, LogLevel.Warning, "Drain ended by {Cause} with {Runs} runs still going; they end as \"node shut down\"")]
    private static partial void DrainCut(ILogger logger, int runs, string cause);

    [LoggerMessage(4, LogLevel.Error, "Could not tell the cluster that this silo is draining")]
    private static partial void AnnounceFailed(ILogger logger, Exception exception);
}
