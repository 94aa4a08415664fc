namespace HoopOrleans.Hosting;

/// <summary>
/// A node's once-a-second chores (its connection advert, its view of the cluster's connections):
/// each tick runs until the node stops, and a tick that fails is reported and tried again at the
/// next one, so a database that is down for a while never stops the node.
/// </summary>
public static class PeriodicLoop
{
    public static async Task RunAsync(TimeSpan every, Func<CancellationToken, Task> tick, Action<Exception> failed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await tick(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
