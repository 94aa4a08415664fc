using System.Net;

namespace HoopOrleans.Cluster.Tests;

/// <summary>
/// cluster.sh follows the README's advice: the nodes get their API keys' hashes from its
/// environment, so no node's argv (which every local user reads) holds one, no node warns of a
/// secret on its command line, and the keys work.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class NodeSecretsTests(LocalCluster cluster)
{
    private const string Warning = "Secrets were given on the command line";

    [Fact]
    public async Task No_node_gets_a_secret_as_an_argument_and_none_warns_of_one()
    {
        using var answer = await cluster.Front1.GetAsync("/api/sessions?limit=1");
        var hashes = new[] { ApiKeyHash.Of(LocalCluster.KeyOf("ops")), ApiKeyHash.Of(LocalCluster.KeyOf("rita")) };

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        foreach (var (kind, n) in new[] { ("silo", 1), ("silo", 2), ("front", 1), ("front", 2) })
        {
            var commandLine = cluster.CommandLineOf(kind, n);
            Assert.Contains(".dll", commandLine);
            Assert.All(hashes, hash => Assert.DoesNotContain(hash, commandLine));
            Assert.DoesNotContain(Warning, await File.ReadAllTextAsync(Path.Combine(cluster.LogsFolder, $"{kind}-{n}.log")));
        }
    }
}
