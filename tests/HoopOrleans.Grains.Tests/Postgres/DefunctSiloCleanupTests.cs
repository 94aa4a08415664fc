using Orleans.Runtime.MembershipService;
using static HoopOrleans.Grains.Tests.Postgres.OrleansMembership;

namespace HoopOrleans.Grains.Tests.Postgres;

/// <summary>
/// Defunct-silo cleanup removes a dead silo's row only once everything known of that silo (start,
/// last-alive time, the votes against it) is older than the cutoff; live rows and other clusters'
/// rows stay. Orleans 10.4.2 cleans up row by row through <c>CleanupDefunctSiloEntryKey</c>;
/// <c>CleanupDefunctSiloEntriesKey</c> is the one-statement form of the same rule.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DefunctSiloCleanupTests(PostgresServer server) : MembershipTestBase(server)
{
    private static readonly DateTime Cutoff = Epoch.AddHours(1);

    [Fact]
    public async Task Orleans_removes_only_dead_rows_whose_every_time_is_older_than_the_cutoff()
    {
        var staying = await AddRowsAsync();
        var otherCluster = await TableAsync(ConnectionString, NewClusterId());
        await otherCluster.AddAsync(Silo(11101, SiloStatus.Dead, Epoch, Epoch.AddMinutes(10)));

        await Table.CleanupDefunctSiloEntriesAsync(Cutoff);

        Assert.Equal(staying, await SilosAsync(Table));
        Assert.Equal([Address(11101)], await SilosAsync(otherCluster));
    }

    [Fact]
    public async Task The_one_statement_cleanup_follows_the_same_rule()
    {
        var staying = await AddRowsAsync();

        var removed = await ExecuteStoredQueryAsync(ConnectionString, "CleanupDefunctSiloEntriesKey", ("DeploymentId", ClusterId), ("IAmAliveTime", Cutoff));

        Assert.Equal(2, removed);
        Assert.Equal(staying, await SilosAsync(Table));
    }

    [Fact]
    public async Task A_cutoff_at_a_dead_row_s_last_time_keeps_it_and_one_a_tick_later_removes_it()
    {
        // Orleans trims the oldest dead rows past MaxDefunctSiloEntries with a cutoff one tick after
        // the newest row it removes, finer than PostgreSQL's microseconds.
        var last = Epoch.AddMinutes(10);
        await Table.AddAsync(Silo(11101, SiloStatus.Dead, Epoch, last));

        await Table.CleanupDefunctSiloEntriesAsync(last);
        Assert.Equal([Address(11101)], await SilosAsync(Table));

        await Table.CleanupDefunctSiloEntriesAsync(last.AddTicks(1));
        Assert.Empty(await SilosAsync(Table));
    }

    [Fact]
    public async Task A_dead_row_written_after_the_cleanup_read_it_stays()
    {
        await Table.AddAsync(Silo(11101, SiloStatus.Dead, Epoch, Epoch.AddMinutes(10)));
        await Table.AddAsync(Silo(11102, SiloStatus.Dead, Epoch, Epoch.AddMinutes(10)));
        var beforeHeartbeat = await Table.RowAsync(Address(11101));
        var beforeVote = await Table.RowAsync(Address(11102));

        var beat = await Table.RowAsync(Address(11101));
        beat.IAmAliveTime = Epoch.AddMinutes(30);
        await Table.UpdateIAmAliveAsync(beat);
        var read = await Table.ReadAllAsync();
        var voted = (await Table.RowAsync(Address(11102))).VotedAgainstAt(Epoch.AddMinutes(30));
        Assert.True(await Table.UpdateRowAsync(voted, read.Version.VersionEtag, read.Version.Next()));

        Assert.Equal(0, await RemoveAsCapturedAsync(beforeHeartbeat));
        Assert.Equal(0, await RemoveAsCapturedAsync(beforeVote));
        Assert.Equal([Address(11101), Address(11102)], await SilosAsync(Table));

        Assert.Equal(1, await RemoveAsCapturedAsync(await Table.RowAsync(Address(11101))));
        Assert.Equal([Address(11102)], await SilosAsync(Table));
    }

    /// <summary>The per-row cleanup statement with the values a cleanup read earlier (this row has no votes).</summary>
    private Task<int> RemoveAsCapturedAsync(MembershipEntry captured)
    {
        Assert.Null(captured.SuspectTimes);
        return ExecuteStoredQueryAsync(ConnectionString, "CleanupDefunctSiloEntryKey",
            ("DeploymentId", ClusterId),
            ("Address", captured.SiloAddress.Endpoint.Address.ToString()),
            ("Port", captured.SiloAddress.Endpoint.Port),
            ("Generation", captured.SiloAddress.Generation),
            ("SuspectTimes", null),
            ("StartTime", captured.StartTime),
            ("IAmAliveTime", captured.IAmAliveTime));
    }

    /// <summary>Rows on both sides of the cutoff; returns the ones that must stay.</summary>
    private async Task<SiloAddress[]> AddRowsAsync()
    {
        await Table.AddAsync(Silo(11101, SiloStatus.Dead, Epoch, Epoch.AddMinutes(10)));
        await Table.AddAsync(Silo(11102, SiloStatus.Dead, Epoch, Epoch.AddMinutes(10)).VotedAgainstAt(Epoch.AddMinutes(20)));
        await Table.AddAsync(Silo(11103, SiloStatus.Dead, Epoch, Epoch.AddHours(2)));
        await Table.AddAsync(Silo(11104, SiloStatus.Dead, Epoch, Epoch.AddMinutes(10)).VotedAgainstAt(Epoch.AddHours(2)));
        await Table.AddAsync(Silo(11105, SiloStatus.Active, Epoch, Epoch.AddMinutes(10)));
        await Table.AddAsync(Silo(11106, SiloStatus.ShuttingDown, Epoch, Epoch.AddMinutes(10)));
        return [Address(11103), Address(11104), Address(11105), Address(11106)];
    }

    private static async Task<SiloAddress[]> SilosAsync(AdoNetClusteringTable table) =>
        (await table.ReadAllAsync()).Members.Select(member => member.Item1.SiloAddress).Order().ToArray();
}
