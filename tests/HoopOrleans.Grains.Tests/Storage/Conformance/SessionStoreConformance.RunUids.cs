using HoopOrleans.Storage;

namespace HoopOrleans.Grains.Tests.Storage.Conformance;

/// <summary>
/// Run uids, through each store's <see cref="IRunUids"/>: a (connection, caller) pair keeps the uid
/// it was given, whatever other pairs come and in whatever order; a new pair gets the uid after
/// the highest ever given in the range; no uid is given twice, a set-aside one included; pairs
/// asked for at once each get their own. Which uids may be used is the run accounts' (the
/// connection tests run them with real homes and processes).
/// </summary>
public abstract partial class SessionStoreConformance
{
    private const uint FirstUid = 2100090000;
    private const uint LastUid = 2100090999;

    private Task<RunUid?> AssignAsync(string connection, string caller, uint first = FirstUid, uint last = LastUid) =>
        store.RunUids.AssignAsync(connection, caller, first, last, CancellationToken.None);

    [Fact]
    public async Task A_pair_keeps_its_uid_and_each_new_pair_gets_the_next_one()
    {
        Assert.Equal(new RunUid(FirstUid, Given: true), await AssignAsync("bash", "alice"));
        Assert.Equal(new RunUid(FirstUid + 1, Given: true), await AssignAsync("bash", "bob"));
        Assert.Equal(new RunUid(FirstUid + 2, Given: true), await AssignAsync("aardvark", "alice"));
        Assert.Equal(new RunUid(FirstUid + 3, Given: true), await AssignAsync("bash", "anonymous"));

        Assert.Equal(new RunUid(FirstUid, Given: false), await AssignAsync("bash", "alice"));
        Assert.Equal(new RunUid(FirstUid + 1, Given: false), await AssignAsync("bash", "bob"));
        Assert.Equal(new RunUid(FirstUid + 2, Given: false), await AssignAsync("aardvark", "alice"));
    }

    [Fact]
    public async Task A_set_aside_uid_is_never_given_again_and_its_pair_gets_the_next_one()
    {
        await AssignAsync("bash", "alice");
        await AssignAsync("bash", "bob");

        await store.RunUids.SetAsideAsync("bash", "alice", FirstUid, CancellationToken.None);

        Assert.Equal(new RunUid(FirstUid + 2, Given: true), await AssignAsync("bash", "alice"));
        Assert.Equal(new RunUid(FirstUid + 3, Given: true), await AssignAsync("sh", "carol"));

        // Setting aside a uid the pair no longer holds, or another pair's, changes nothing.
        await store.RunUids.SetAsideAsync("bash", "alice", FirstUid, CancellationToken.None);
        await store.RunUids.SetAsideAsync("bash", "alice", FirstUid + 1, CancellationToken.None);
        Assert.Equal(new RunUid(FirstUid + 2, Given: false), await AssignAsync("bash", "alice"));
        Assert.Equal(new RunUid(FirstUid + 1, Given: false), await AssignAsync("bash", "bob"));
    }

    [Fact]
    public async Task A_full_range_gives_no_new_uid_but_every_pair_keeps_its_own_wherever_it_lies()
    {
        Assert.Equal(new RunUid(FirstUid, Given: true), await AssignAsync("bash", "alice", FirstUid, FirstUid + 1));
        Assert.Equal(new RunUid(FirstUid + 1, Given: true), await AssignAsync("bash", "bob", FirstUid, FirstUid + 1));

        Assert.Null(await AssignAsync("bash", "carol", FirstUid, FirstUid + 1));
        Assert.Equal(new RunUid(FirstUid, Given: false), await AssignAsync("bash", "alice", FirstUid, FirstUid + 1));

        // A range moved past the given uids: their pairs are answered theirs, new pairs start the range.
        Assert.Equal(new RunUid(FirstUid + 1, Given: false), await AssignAsync("bash", "bob", FirstUid + 10, FirstUid + 20));
        Assert.Equal(new RunUid(FirstUid + 10, Given: true), await AssignAsync("bash", "carol", FirstUid + 10, FirstUid + 20));
    }

    [Fact]
    public async Task Pairs_asked_for_at_once_each_get_a_uid_of_their_own_and_a_pair_always_the_same()
    {
        var pairs = Enumerable.Range(0, 12).Select(i => ($"connection-{i % 3}", $"key-{i}")).ToList();

        // Every pair asked for three times at once, as three silos starting its runs would.
        var answers = await Task.WhenAll(pairs.SelectMany(pair => Enumerable.Repeat(pair, 3))
            .Select(pair => Task.Run(async () => (Pair: pair, Uid: (await AssignAsync(pair.Item1, pair.Item2))!.Uid))));

        var byPair = answers.GroupBy(answer => answer.Pair).ToDictionary(group => group.Key, group => group.Select(answer => answer.Uid).Distinct().Single());
        Assert.Equal(pairs.Count, byPair.Values.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, pairs.Count).Select(i => FirstUid + (uint)i), byPair.Values.Order());
        foreach (var (pair, uid) in byPair)
        {
            Assert.Equal(new RunUid(uid, Given: false), await AssignAsync(pair.Item1, pair.Item2));
        }
    }
}
