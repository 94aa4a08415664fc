using System.Net;
using HoopOrleans.Connections;
using HoopOrleans.Draining;
using HoopOrleans.Sessions;
using Orleans.Runtime.Placement;

namespace HoopOrleans.Grains.Tests.Placement;

/// <summary>
/// Where a new session goes: a run names its connection, and is placed on a live silo that hosts
/// it, the least loaded first, never a draining one while another will do; a read names none.
/// </summary>
public sealed class RunPlacementDirectorTests
{
    private static readonly SiloAddress A = Silo(1);
    private static readonly SiloAddress B = Silo(2);
    private static readonly SiloAddress C = Silo(3);

    private static SiloAddress Silo(int n) => SiloAddress.New(IPAddress.Loopback, 21110 + n, 100 + n);

    private static ConnectionEntry Hosted(string name, params ConnectionHost[] hosts) =>
        new(new AdvertisedConnection(name, ["bash", "-s"], "custom", "", [], false, TimeSpan.FromHours(1)), [.. hosts], EverySilo: false);

    private static PlacementTarget For(string? connection) => new(
        GrainId.Create("sessiongrain", Guid.NewGuid().ToString()),
        connection is null ? [] : new Dictionary<string, object> { ["hoop.connection"] = connection },
        default,
        0);

    private static async Task<List<SiloAddress>> PlaceAsync(RunPlacementDirector director, string? connection, int times, IPlacementContext context)
    {
        var placed = new List<SiloAddress>();
        for (var i = 0; i < times; i++)
        {
            placed.Add(await director.OnAddActivation(RunPlacement.Instance, For(connection), context));
        }

        return placed;
    }

    [Fact]
    public void The_hint_is_the_key_placement_reads()
    {
        ConnectionHint.Set("north");
        try
        {
            Assert.Equal("north", RequestContext.Get("hoop.connection"));
            Assert.Equal("north", ConnectionHint.In(For("north").RequestContextData));
        }
        finally
        {
            ConnectionHint.Clear();
        }
    }

    [Fact]
    public async Task A_run_goes_only_to_the_live_silos_that_host_its_connection()
    {
        var directory = new FixedConnectionDirectory(Hosted("north", new ConnectionHost(A, 0, false)), Hosted("both", new ConnectionHost(A, 0, false), new ConnectionHost(B, 0, false)));
        var director = new RunPlacementDirector(new FixedDrainingSilos(), directory);
        var live = new FixedPlacementContext(A, B, C);

        Assert.All(await PlaceAsync(director, "north", 20, live), silo => Assert.Equal(A, silo));

        // A's twenty count until the next read of the silos' own counts (in which they are): read now.
        directory.Version++;
        Assert.Equal([A, B], (await PlaceAsync(director, "both", 20, live)).Distinct().Order());
    }

    [Fact]
    public async Task Placements_in_parallel_each_get_a_host()
    {
        // The benchmark's 16 clients found this: a count that moved between finding the least load
        // and finding who had it left no host to choose (ArgumentOutOfRangeException, a 500).
        // One host (a connection only one live silo has, as while the second joins) makes it likely.
        var directory = new FixedConnectionDirectory(Hosted("north", new ConnectionHost(A, 0, false)));
        var director = new RunPlacementDirector(new FixedDrainingSilos(), directory);
        var live = new FixedPlacementContext(A, B);

        // The directory is read again while placements run (every second in a silo; here as fast as
        // it goes), which starts the counts since the read afresh.
        using var stop = new CancellationTokenSource();
        var reads = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                directory.Version++;
            }
        });
        var placed = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(
            () => PlaceAsync(director, "north", 100_000, live).GetAwaiter().GetResult(), TaskCreationOptions.LongRunning)));
        await stop.CancelAsync();
        await reads;

        Assert.All(placed.SelectMany(silos => silos), silo => Assert.Equal(A, silo));
    }

    [Fact]
    public async Task The_least_loaded_host_is_chosen_and_what_was_placed_since_the_last_read_counts()
    {
        var directory = new FixedConnectionDirectory(Hosted("both", new ConnectionHost(A, 5, false), new ConnectionHost(B, 1, false)));
        var director = new RunPlacementDirector(new FixedDrainingSilos(), directory);
        var live = new FixedPlacementContext(A, B);

        // B runs 1 and A 5: B takes the next four, then the two are even and alternate.
        var placed = await PlaceAsync(director, "both", 6, live);

        Assert.Equal([B, B, B, B], placed[..4]);
        Assert.Equal([A, B], placed[4..].Order());
    }

    [Fact]
    public async Task A_draining_host_gets_nothing_while_another_host_will_do()
    {
        var directory = new FixedConnectionDirectory(Hosted("both", new ConnectionHost(A, 0, false), new ConnectionHost(B, 0, true), new ConnectionHost(C, 0, false)));
        var director = new RunPlacementDirector(new FixedDrainingSilos(C), directory);

        Assert.All(await PlaceAsync(director, "both", 10, new FixedPlacementContext(A, B, C)), silo => Assert.Equal(A, silo));
    }

    [Fact]
    public async Task A_connection_whose_hosts_are_not_alive_has_no_place()
    {
        var directory = new FixedConnectionDirectory(Hosted("north", new ConnectionHost(A, 0, false)), Hosted("gone"));
        var director = new RunPlacementDirector(new FixedDrainingSilos(), directory);

        // A is still in the directory's last read, but this silo's membership already lost it.
        var north = await Assert.ThrowsAsync<ConnectionUnavailableException>(() => director.OnAddActivation(RunPlacement.Instance, For("north"), new FixedPlacementContext(B, C)));
        var gone = await Assert.ThrowsAsync<ConnectionUnavailableException>(() => director.OnAddActivation(RunPlacement.Instance, For("gone"), new FixedPlacementContext(A, B)));

        Assert.Equal("no node serving connection north is available", north.Message);
        Assert.Equal("gone", gone.Connection);
    }

    [Fact]
    public async Task A_read_names_no_connection_and_goes_to_any_silo_not_draining()
    {
        var director = new RunPlacementDirector(new FixedDrainingSilos(B), new FixedConnectionDirectory(Hosted("north", new ConnectionHost(A, 0, false))));

        var placed = await PlaceAsync(director, null, 30, new FixedPlacementContext(A, B, C));

        Assert.Equal([A, C], placed.Distinct().Order());
    }
}
