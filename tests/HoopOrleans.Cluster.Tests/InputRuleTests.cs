using System.Net;
using System.Text;

namespace HoopOrleans.Cluster.Tests;

/// <summary>The input rule holds on the PostgreSQL store as on the embedded one: 400, never a 500 from text or jsonb.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class InputRuleTests(LocalCluster cluster)
{
    [Theory]
    [InlineData("""{"connection": "bash", "script": "echo a\u0000b"}""", "strings must not contain U+0000 or unpaired surrogates")]
    [InlineData("""{"connection": "bash", "metadata": {"k": {"n": "\u0000"}}}""", "strings must not contain U+0000 or unpaired surrogates")]
    [InlineData("""{"connection": "bash", "labels": {"k": "\ud800"}}""", "strings must not contain U+0000 or unpaired surrogates")]
    [InlineData("""{"connection": "bash", "metadata": {"\udfff": 1}}""", "strings must not contain U+0000 or unpaired surrogates")]
    [InlineData("""{"connection": "bash", "metadata": {"a": "1", "a": "2"}}""", "a JSON object in the request repeats a key")]
    public async Task Bad_strings_and_repeated_keys_are_400_on_postgres(string body, string message)
    {
        foreach (var front in new[] { cluster.Front1, cluster.Front2 })
        {
            var (status, answer) = await front.PostAsync("/api/sessions", body);

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(message, answer.Text("message"));
        }
    }

    [Fact]
    public async Task A_review_reason_with_u0000_is_400_on_postgres()
    {
        using var response = await cluster.Front1.PutAsync($"/api/sessions/{Guid.NewGuid()}/review",
            new StringContent("""{"status": "REJECTED", "rejection_reason": "\u0000"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Paired_surrogates_are_stored_and_read_back_on_postgres()
    {
        var (status, created) = await cluster.Front1.PostAsync("/api/sessions", """{"connection": "bash", "script": "echo \ud83d\ude80", "metadata": {"rocket": "\ud83d\ude80"}}""");
        Assert.True(status == HttpStatusCode.OK, $"{status}: {created}");

        var (_, session) = await cluster.Front2.GetJsonAsync($"/api/sessions/{created.Id()}");

        Assert.Equal("\U0001F680\n", session.Text("output"));
        Assert.Equal("\U0001F680", session.GetProperty("metadata").GetProperty("rocket").GetString());
    }
}
