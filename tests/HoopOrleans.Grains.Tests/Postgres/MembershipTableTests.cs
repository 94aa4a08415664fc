using static HoopOrleans.Grains.Tests.Postgres.OrleansMembership;

namespace HoopOrleans.Grains.Tests.Postgres;

/// <summary>
/// Each membership query of our schema, driven through Orleans' own ADO.NET membership table as a
/// silo drives it: the version row, inserts, reads, versioned updates, the heartbeat and deletion.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MembershipTableTests(PostgresServer server) : MembershipTestBase(server)
{
    [Fact]
    public async Task The_version_row_is_inserted_once_and_a_newTable_reads_empty_at_version_0()
    {
        var clusterId = NewClusterId();

        Assert.True((bool?)await ReadStoredQueryAsync(ConnectionString, "InsertMembershipVersionKey", ("DeploymentId", clusterId)));
        Assert.False((bool?)await ReadStoredQueryAsync(ConnectionString, "InsertMembershipVersionKey", ("DeploymentId", clusterId)));

        var empty = await Table.ReadAllAsync();
        Assert.Empty(empty.Members);
        Assert.Equal(0, empty.Version.Version);
        Assert.Equal("0", empty.Version.VersionEtag);

        // A second silo starting later keeps what the first wrote.
        await Table.AddAsync(Silo(11111, SiloStatus.Active, Epoch));
        await TableAsync(ConnectionString, ClusterId);
        var read = await Table.ReadAllAsync();
        Assert.Single(read.Members);
        Assert.Equal(1, read.Version.Version);
    }

    [Fact]
    public async Task A_silo_row_inserted_at_the_current_version_reads_back_as_written()
    {
        var entry = Silo(11111, SiloStatus.Joining, Epoch, Epoch.AddSeconds(3), proxyPort: 30000);

        Assert.True(await Table.InsertRowAsync(entry, (await Table.ReadAllAsync()).Version.Next()));

        var read = await Table.ReadRowAsync(entry.SiloAddress);
        var (row, etag) = Assert.Single(read.Members);
        Assert.Equal(1, read.Version.Version);
        Assert.Equal("1", etag);
        Assert.Equal(entry.SiloAddress, row.SiloAddress);
        Assert.Equal(entry.SiloName, row.SiloName);
        Assert.Equal(entry.HostName, row.HostName);
        Assert.Equal(SiloStatus.Joining, row.Status);
        Assert.Equal(30000, row.ProxyPort);
        Assert.Equal(Epoch, row.StartTime);
        Assert.Equal(Epoch.AddSeconds(3), row.IAmAliveTime);
        Assert.Null(row.SuspectTimes);
    }

    [Fact]
    public async Task An_insert_at_a_stale_version_or_of_a_silo_already_there_is_refused_and_changes_nothing()
    {
        var initial = (await Table.ReadAllAsync()).Version;
        Assert.True(await Table.InsertRowAsync(Silo(11111, SiloStatus.Joining, Epoch), initial.Next()));

        Assert.False(await Table.InsertRowAsync(Silo(11112, SiloStatus.Joining, Epoch), initial.Next()));
        var current = (await Table.ReadAllAsync()).Version;
        Assert.False(await Table.InsertRowAsync(Silo(11111, SiloStatus.Active, Epoch.AddMinutes(1)), current.Next()));

        var read = await Table.ReadAllAsync();
        var (row, _) = Assert.Single(read.Members);
        Assert.Equal(Address(11111), row.SiloAddress);
        Assert.Equal(SiloStatus.Joining, row.Status);
        Assert.Equal(1, read.Version.Version);
    }

    [Fact]
    public async Task Read_row_returns_that_silo_with_theTable_version_and_read_all_every_silo_of_the_cluster()
    {
        await Table.AddAsync(Silo(11111, SiloStatus.Active, Epoch));
        await Table.AddAsync(Silo(11112, SiloStatus.Joining, Epoch));
        var otherCluster = await TableAsync(ConnectionString, NewClusterId());
        await otherCluster.AddAsync(Silo(11113, SiloStatus.Active, Epoch));

        var one = await Table.ReadRowAsync(Address(11112));
        Assert.Equal(Address(11112), Assert.Single(one.Members).Item1.SiloAddress);
        Assert.Equal(2, one.Version.Version);

        var unknown = await Table.ReadRowAsync(Address(11113));
        Assert.Empty(unknown.Members);
        Assert.Equal(2, unknown.Version.Version);

        var all = await Table.ReadAllAsync();
        Assert.Equal([Address(11111), Address(11112)], all.Members.Select(member => member.Item1.SiloAddress).Order());
        Assert.All(all.Members, member => Assert.Equal("2", member.Item2));
        Assert.Equal(2, all.Version.Version);
    }

    [Fact]
    public async Task An_update_at_the_current_version_is_written_and_a_stale_one_is_refused()
    {
        await Table.AddAsync(Silo(11111, SiloStatus.Joining, Epoch));
        await Table.AddAsync(Silo(11112, SiloStatus.Active, Epoch));
        var read = await Table.ReadAllAsync();
        var entry = await Table.RowAsync(Address(11111));
        entry.Status = SiloStatus.Active;
        entry.IAmAliveTime = Epoch.AddSeconds(5);
        entry.SuspectTimes = [Tuple.Create(Address(11112), Epoch.AddSeconds(4))];

        Assert.True(await Table.UpdateRowAsync(entry, read.Version.VersionEtag, read.Version.Next()));

        var updated = await Table.RowAsync(Address(11111));
        Assert.Equal(SiloStatus.Active, updated.Status);
        Assert.Equal(Epoch.AddSeconds(5), updated.IAmAliveTime);
        var vote = Assert.Single(updated.SuspectTimes!);
        Assert.Equal((Address(11112), Epoch.AddSeconds(4)), (vote.Item1, vote.Item2));
        Assert.Equal(3, (await Table.ReadAllAsync()).Version.Version);

        // The version read before that update is stale now.
        entry.Status = SiloStatus.Dead;
        Assert.False(await Table.UpdateRowAsync(entry, read.Version.VersionEtag, read.Version.Next()));
        Assert.Equal(SiloStatus.Active, (await Table.RowAsync(Address(11111))).Status);

        // A silo that is not in the table is refused at the current version, which stays as it was.
        var current = (await Table.ReadAllAsync()).Version;
        Assert.False(await Table.UpdateRowAsync(Silo(11119, SiloStatus.Dead, Epoch), current.VersionEtag, current.Next()));
        Assert.Equal(3, (await Table.ReadAllAsync()).Version.Version);
    }

    [Fact]
    public async Task The_last_alive_time_only_moves_forward_and_the_heartbeat_leaves_the_version()
    {
        await Table.AddAsync(Silo(11111, SiloStatus.Active, Epoch));
        var stale = await Table.RowAsync(Address(11111));

        var beat = await Table.RowAsync(Address(11111));
        beat.IAmAliveTime = Epoch.AddSeconds(10);
        await Table.UpdateIAmAliveAsync(beat);
        Assert.Equal(Epoch.AddSeconds(10), (await Table.RowAsync(Address(11111))).IAmAliveTime);

        beat.IAmAliveTime = Epoch.AddSeconds(5);
        await Table.UpdateIAmAliveAsync(beat);
        Assert.Equal(Epoch.AddSeconds(10), (await Table.RowAsync(Address(11111))).IAmAliveTime);
        var read = await Table.ReadAllAsync();
        Assert.Equal(1, read.Version.Version);

        // Another silo writes back the row it read before the heartbeat: its vote lands, its older time does not.
        stale.SuspectTimes = [Tuple.Create(Address(11112), Epoch.AddSeconds(6))];
        Assert.True(await Table.UpdateRowAsync(stale, read.Version.VersionEtag, read.Version.Next()));
        var row = await Table.RowAsync(Address(11111));
        Assert.Single(row.SuspectTimes!);
        Assert.Equal(Epoch.AddSeconds(10), row.IAmAliveTime);
    }

    [Fact]
    public async Task Deleting_the_cluster_removes_its_rows_and_version_and_leaves_other_clusters()
    {
        var otherClusterId = NewClusterId();
        var otherCluster = await TableAsync(ConnectionString, otherClusterId);
        await Table.AddAsync(Silo(11111, SiloStatus.Active, Epoch));
        await Table.AddAsync(Silo(11112, SiloStatus.Dead, Epoch));
        await otherCluster.AddAsync(Silo(11113, SiloStatus.Active, Epoch));

        await Table.DeleteMembershipTableEntriesAsync(ClusterId);

        Assert.True((bool?)await ReadStoredQueryAsync(ConnectionString, "InsertMembershipVersionKey", ("DeploymentId", ClusterId)));
        var read = await Table.ReadAllAsync();
        Assert.Empty(read.Members);
        Assert.Equal(0, read.Version.Version);
        var other = await otherCluster.ReadAllAsync();
        Assert.Equal(Address(11113), Assert.Single(other.Members).Item1.SiloAddress);
        Assert.Equal(1, other.Version.Version);
    }
}
