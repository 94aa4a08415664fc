using System.Net;

namespace HoopOrleans.Cluster.Tests;

/// <summary>A script on the cluster cannot reach the store: PostgreSQL asks for a password only the service's user can read.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class StoreIsolationTests(LocalCluster cluster)
{
    [Fact]
    public async Task A_script_cannot_connect_to_postgres_nor_read_its_password()
    {
        var port = new Npgsql.NpgsqlConnectionStringBuilder(cluster.ConnectionString).Port;
        var passfile = new Npgsql.NpgsqlConnectionStringBuilder(cluster.ConnectionString).Passfile;
        var script = $"""
            psql -h 127.0.0.1 -p {port} -U hoop -d hoop -w -tAc 'SELECT count(*) FROM sessions' > /dev/null 2>&1 && echo connected || echo refused
            cat '{passfile}' > /dev/null 2>&1 && echo read || echo unreadable
            """;

        var (status, body) = await cluster.Front1.PostAsync("/api/sessions", new { connection = "bash", script });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("refused\nunreadable\n", body.Text("output"));
        Assert.True(await cluster.QueryScalarAsync<long>("SELECT count(*) FROM sessions") > 0);
    }
}
