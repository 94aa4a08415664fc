using HoopOrleans.Storage.InMemory;
using HoopOrleans.Storage;
using HoopOrleans.Sessions;
using HoopOrleans.Grains.Tests.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Grains.Tests.Storage;

/// <summary>The sweep loop every store shares: it ticks on its own, and a failed sweep is logged and tried again.</summary>
public sealed class RetentionSweeperTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static IOptions<RetentionOptions> Every(TimeSpan interval) =>
        Options.Create(new RetentionOptions { MaxAge = TimeSpan.FromDays(1), SweepInterval = interval });

    [Fact]
    public async Task The_embedded_sweeper_deletes_aged_sessions_on_its_own_at_each_interval()
    {
        var store = new InMemorySessionStore();
        var id = ClusterFixture.NewId();
        var grainId = GrainId.Create("session", id);
        var session = new SessionRecord
        {
            Id = id,
            Request = Requests.Bash("echo old"),
            Status = SessionStatus.Done,
            ExitCode = 0,
            StartDate = Now - TimeSpan.FromDays(3),
            EndDate = Now - TimeSpan.FromDays(2),
        };
        await store.WriteStateAsync("session", grainId, new GrainState<SessionGrainState>(new SessionGrainState { Session = session }));
        var logger = new RecordingLogger<InMemoryRetentionSweeper>();
        using var sweeper = new InMemoryRetentionSweeper(store, Every(TimeSpan.FromMilliseconds(20)), new SettableClock(Now), logger);

        await sweeper.StartAsync(CancellationToken.None);
        var swept = await logger.WaitForAsync("Swept");
        await sweeper.StopAsync(CancellationToken.None);

        Assert.Contains("deleted 1 finished session", swept.Message);
        var read = new GrainState<SessionGrainState>(new SessionGrainState());
        await store.ReadStateAsync("session", grainId, read);
        Assert.False(read.RecordExists);
        Assert.True(sweeper.ExecuteTask!.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_failed_sweep_is_logged_and_the_next_tick_tries_again_without_stopping_the_service()
    {
        var logger = new RecordingLogger<FlakySweeper>();
        using var sweeper = new FlakySweeper(Every(TimeSpan.FromMilliseconds(20)), logger);

        await sweeper.StartAsync(CancellationToken.None);
        var swept = await logger.WaitForAsync("Swept");
        var running = !sweeper.ExecuteTask!.IsCompleted;
        await sweeper.StopAsync(CancellationToken.None);

        var failed = Assert.Single(logger.Entries, entry => entry.EventName == "SweepFailed");
        Assert.Equal(LogLevel.Error, failed.Level);
        Assert.IsType<InvalidOperationException>(failed.Exception);
        Assert.True(logger.Entries.ToList().IndexOf(failed) < logger.Entries.ToList().IndexOf(swept));
        Assert.True(running);
        Assert.True(sweeper.ExecuteTask.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_sweep_reports_the_cutoff_it_used()
    {
        var logger = new RecordingLogger<FlakySweeper>();
        using var sweeper = new FlakySweeper(Every(TimeSpan.FromDays(1)), logger, failures: 0);

        Assert.Equal(2, await sweeper.SweepAsync(CancellationToken.None));

        Assert.Equal(Now - TimeSpan.FromDays(1), Assert.Single(sweeper.Cutoffs));
        Assert.Contains("2026-11-28T12:00:00.0000000+00:00", Assert.Single(logger.Entries).Message);
    }

    /// <summary>A store that fails its first sweeps, then deletes two sessions each time.</summary>
    private sealed class FlakySweeper(IOptions<RetentionOptions> options, ILogger<FlakySweeper> logger, int failures = 1)
        : RetentionSweeper(options, new SettableClock(Now), logger)
    {
        private int _calls;

        public List<DateTimeOffset> Cutoffs { get; } = [];

        protected override Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) <= failures)
            {
                throw new InvalidOperationException("the store is unavailable");
            }

            Cutoffs.Add(cutoff);
            return Task.FromResult(2);
        }
    }
}
