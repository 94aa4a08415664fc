using HoopOrleans.Grains.Tests.Postgres;

namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>
/// Run uids over PostgreSQL, with real processes: each (connection, caller) pair runs as one uid on
/// every silo and after a restart that adds a connection, which takes a uid no pair had.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RunUidClusterTests(PostgresServer server) : IDisposable
{
    private const uint First = 2100070000;
    private const string Range = "2100070000-2100070999";

    private readonly string _folder = MadeTraversable(Directory.CreateTempSubdirectory("hoop-uids-").FullName);

    private string HomeRoot => Path.Combine(_folder, "home");

    [Fact]
    public async Task Both_silos_run_a_pair_as_one_uid_and_a_restart_that_adds_a_connection_keeps_every_uid()
    {
        var database = await server.CreateDatabaseAsync();
        (string Connection, string Caller)[] pairs = [("bash", "alice"), ("bash", "bob"), ("bash", "anonymous"), ("zsh", "alice")];
        Dictionary<(string, string), uint> before;
        await using (var cluster = await RunUidCluster.StartAsync(database, Range, HomeRoot, "bash", "zsh"))
        {
            before = [];
            foreach (var pair in pairs)
            {
                before[pair] = await OneUidOnBothSilosAsync(cluster, pair.Connection, pair.Caller);
            }
        }

        Assert.Equal(pairs.Length, before.Values.Distinct().Count());
        Assert.All(before.Values, uid => Assert.InRange(uid, First, First + 999));

        // "aaa" sorts before every other connection: once, its uid would have been the first.
        await using (var restarted = await RunUidCluster.StartAsync(database, Range, HomeRoot, "aaa", "bash", "zsh"))
        {
            var added = await OneUidOnBothSilosAsync(restarted, "aaa", "alice");
            foreach (var pair in pairs)
            {
                Assert.Equal(before[pair], (await restarted.UidOfAsync(pair.Connection, pair.Caller)).Uid);
            }

            Assert.DoesNotContain(added, before.Values);
        }

        Assert.All(before.Values, uid => Assert.True(Directory.Exists(Path.Combine(HomeRoot, uid.ToString())), $"no home for {uid}"));
    }

    /// <summary>
    /// The pair's uid, having seen runs of it on both silos (placement is random: each run lands on
    /// either, so a few runs see both) and every one of them as that uid.
    /// </summary>
    private static async Task<uint> OneUidOnBothSilosAsync(RunUidCluster cluster, string connection, string caller)
    {
        var seen = new List<(uint Uid, string Silo)>();
        while (seen.Select(run => run.Silo).Distinct().Count() < 2)
        {
            if (seen.Count == 64)
            {
                Assert.Fail($"64 runs all on one silo: {seen[0].Silo}");
            }

            seen.Add(await cluster.UidOfAsync(connection, caller));
        }

        return Assert.Single(seen.Select(run => run.Uid).Distinct());
    }

    /// <summary>Run users pass through the folder to their homes, as through any home root's parents.</summary>
    private static string MadeTraversable(string folder)
    {
        File.SetUnixFileMode(folder, (UnixFileMode)0x1ed /* 0755 */);
        return folder;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
