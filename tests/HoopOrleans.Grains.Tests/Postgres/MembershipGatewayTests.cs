using static HoopOrleans.Grains.Tests.Postgres.OrleansMembership;

namespace HoopOrleans.Grains.Tests.Postgres;

/// <summary>The gateway query as a front end runs it, through Orleans' own ADO.NET gateway list provider.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MembershipGatewayTests(PostgresServer server)
{
    [Fact]
    public async Task Only_active_silos_of_the_cluster_with_a_proxy_port_are_gateways()
    {
        var connectionString = await MigratedDatabaseAsync(server);
        var clusterId = NewClusterId();
        var table = await TableAsync(connectionString, clusterId);
        await table.AddAsync(Silo(11101, SiloStatus.Active, Epoch, proxyPort: 30001));
        await table.AddAsync(Silo(11102, SiloStatus.Active, Epoch, proxyPort: 0));
        await table.AddAsync(Silo(11103, SiloStatus.Joining, Epoch, proxyPort: 30003));
        await table.AddAsync(Silo(11104, SiloStatus.ShuttingDown, Epoch, proxyPort: 30004));
        await table.AddAsync(Silo(11105, SiloStatus.Dead, Epoch, proxyPort: 30005));
        var otherCluster = await TableAsync(connectionString, NewClusterId());
        await otherCluster.AddAsync(Silo(11106, SiloStatus.Active, Epoch, proxyPort: 30006));

        var gateways = await (await GatewaysAsync(connectionString, clusterId)).GetGatewaysAsync();

        // A gateway is named by its silo's address and generation with the proxy port.
        Assert.Equal([Address(30001).ToGatewayUri()], gateways);
    }
}
