using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HoopOrleans.Grains.Tests.Sessions;
using HoopOrleans.Sessions;
using HoopOrleans.Storage;
using HoopOrleans.Storage.InMemory;
using HoopOrleans.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Grains.Tests.Telemetry;

/// <summary>
/// Retention's deletions are counted by cause: the age sweep's and the embedded store's byte cap's.
/// The meter is the process's, and other tests delete sessions at the same time, so a count is
/// at least what this test's store deleted.
/// </summary>
public sealed class RetentionMetricsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _deleted = new();

    public RetentionMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HoopMetrics.MeterName && instrument.Name == "hooporleans.retention.deleted")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == HoopMetrics.CauseTag)
                {
                    _deleted.AddOrUpdate((string)tag.Value!, value, (_, sum) => sum + value);
                }
            }
        });
        _listener.Start();
    }

    private long Deleted(string cause) => _deleted.GetValueOrDefault(cause);

    private static async Task StoreFinishedAsync(InMemorySessionStore store, DateTimeOffset end, int outputBytes)
    {
        var id = ClusterFixture.NewId();
        var session = new SessionRecord
        {
            Id = id,
            Request = Requests.Bash("echo kept"),
            Status = SessionStatus.Done,
            ExitCode = 0,
            StartDate = end - TimeSpan.FromSeconds(1),
            EndDate = end,
            Output = new byte[outputBytes],
        };
        await store.WriteStateAsync("session", GrainId.Create("session", id), new GrainState<SessionGrainState>(new SessionGrainState { Session = session }));
    }

    [Fact]
    public async Task The_age_sweep_counts_what_it_deletes_as_age()
    {
        var store = new InMemorySessionStore();
        await StoreFinishedAsync(store, Now - TimeSpan.FromDays(3), 10);
        await StoreFinishedAsync(store, Now - TimeSpan.FromDays(2), 10);
        var before = Deleted(HoopMetrics.AgeCause);
        var sweeper = new InMemoryRetentionSweeper(store, Options.Create(new RetentionOptions { MaxAge = TimeSpan.FromDays(1) }), new Storage.SettableClock(Now), NullLogger<InMemoryRetentionSweeper>.Instance);

        var swept = await sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(2, swept);
        Assert.True(Deleted(HoopMetrics.AgeCause) >= before + 2);
    }

    [Fact]
    public async Task The_byte_cap_counts_what_it_deletes_as_stored_bytes()
    {
        var store = new InMemorySessionStore(maxStoredBytes: 4096);
        var before = Deleted(HoopMetrics.StoredBytesCause);

        for (var i = 0; i < 4; i++)
        {
            await StoreFinishedAsync(store, Now + TimeSpan.FromSeconds(i), 2000);
        }

        // Each record is its output and 512 bytes more, so the cap keeps one of the four.
        Assert.True(store.StoredBytes <= 4096);
        Assert.True(Deleted(HoopMetrics.StoredBytesCause) >= before + 3);
    }

    public void Dispose() => _listener.Dispose();
}
