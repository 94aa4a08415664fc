using System.Net;
using HoopOrleans.Connections;

namespace HoopOrleans.Grains.Tests.Connections;

/// <summary>
/// What silos advertise of their connections: the settings two silos must share, the check a
/// starting silo makes against the live ones, and the cluster's view made of the adverts.
/// </summary>
public sealed class ConnectionAdvertTests
{
    private static readonly SiloAddress Live = SiloAddress.New(IPAddress.Loopback, 21111, 7);
    private static readonly SiloAddress Dead = SiloAddress.New(IPAddress.Loopback, 21112, 8);

    private static AdvertisedConnection Pg(Action<ConnectionOptions>? change = null)
    {
        var options = new ConnectionOptions { Command = ["psql"], Type = "database", Subtype = "postgres", Tags = new() { ["team"] = "banking" } };
        options.Env["PGPASSWORD"] = "secret";
        change?.Invoke(options);
        return AdvertisedConnection.Of("pg", options);
    }

    private static SiloAdvert Row(SiloAddress silo, bool live, params AdvertisedConnection[] connections) => new(new ConnectionHost(silo, 0, false), connections, live);

    [Fact]
    public void The_differences_are_named_by_their_keys_and_env_is_not_among_what_is_compared()
    {
        Assert.Empty(Pg().Differences(Pg(options => options.Env["PGPASSWORD"] = "another")));
        Assert.Equal(
            ["Command", "Type", "Subtype", "Tags", "Review", "Timeout"],
            Pg().Differences(Pg(options =>
            {
                options.Command = ["psql", "-X"];
                options.Type = "application";
                options.Subtype = "mysql";
                options.Tags["team"] = "ops";
                options.Review = true;
                options.Timeout = TimeSpan.FromMinutes(5);
            })));
    }

    [Fact]
    public void A_silo_conflicts_with_a_live_silo_that_hosts_a_connection_differently_and_never_with_a_dead_one()
    {
        var mine = Pg(options => options.Timeout = TimeSpan.FromMinutes(5));

        var conflicts = PostgresConnectionAdvert.Conflicts([mine], [Row(Dead, false, Pg()), Row(Live, true, Pg())]);
        var none = PostgresConnectionAdvert.Conflicts([mine], [Row(Dead, false, Pg()), Row(Live, true, Pg(options => options.Timeout = TimeSpan.FromMinutes(5)))]);

        var conflict = Assert.Single(conflicts);
        Assert.StartsWith($"Connections:pg:Timeout differ from what silo {Live.ToParsableString()}, which hosts pg already", conflict);
        Assert.Empty(none);
    }

    [Fact]
    public void The_view_knows_every_advertised_name_and_hosts_it_on_live_silos_only()
    {
        var view = ConnectionDirectoryView.Of(
            [Row(Dead, false, Pg(options => options.Type = "old"), AdvertisedConnection.Of("gone", new ConnectionOptions { Command = ["bash"] })), Row(Live, true, Pg())],
            version: 3);

        Assert.Equal(["gone", "pg"], view.All.Select(entry => entry.Settings.Name));
        Assert.Equal("database", view.ByName["pg"].Settings.Type);
        Assert.Equal([Live], view.ByName["pg"].Hosts.Select(host => host.Silo));
        Assert.True(view.ByName["pg"].Online);
        Assert.False(view.ByName["gone"].Online);
        Assert.Equal(3, view.Version);
    }
}
