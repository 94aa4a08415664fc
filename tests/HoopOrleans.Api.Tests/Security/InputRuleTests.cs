using System.Net;

namespace HoopOrleans.Api.Tests.Security;

/// <summary>
/// The one input rule every store relies on: no repeated keys, no U+0000, no unpaired surrogate,
/// anywhere in a body. (The local cluster's tests send the same bodies to the PostgreSQL store.)
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class InputRuleTests(ApiFixture fixture)
{
    public static TheoryData<string> RepeatedKeys =>
    [
        """{"connection": "bash", "connection": "sh"}""",
        """{"connection": "bash", "script": "true", "script": "rm -rf /"}""",
        """{"connection": "bash", "metadata": {"a": "1", "a": "2"}}""",
        """{"connection": "bash", "metadata": {"a": {"b": 1, "b": 2}}}""",
        """{"connection": "bash", "metadata": {"a": [{"b": 1, "b": 2}]}}""",
        """{"connection": "bash", "labels": {"team": "a", "team": "b"}}""",
    ];

    public static TheoryData<string> BadStrings =>
    [
        """{"connection": "bash", "script": "echo a\u0000b"}""",
        """{"connection": "bash\u0000"}""",
        """{"connection": "bash", "client_args": ["a\u0000b"]}""",
        """{"connection": "bash", "client_args": ["\udc00"]}""",
        """{"connection": "bash", "metadata": {"k": "v\u0000"}}""",
        """{"connection": "bash", "metadata": {"k\u0000": "v"}}""",
        """{"connection": "bash", "metadata": {"\ud800": "v"}}""",
        """{"connection": "bash", "metadata": {"k": ["\ud800x"]}}""",
        """{"connection": "bash", "labels": {"k": "\ud800"}}""",
        """{"connection": "bash", "labels": {"k": "a\udfffb"}}""",
        """{"connection": "bash", "ignored": "\u0000"}""",
    ];

    [Theory]
    [MemberData(nameof(RepeatedKeys))]
    public async Task A_repeated_key_in_any_object_is_400(string body)
    {
        Http.AssertError(HttpStatusCode.BadRequest, await fixture.Client.PostAsync("/api/sessions", body), "a JSON object in the request repeats a key");
    }

    [Fact]
    public async Task Copies_of_one_metadata_key_cannot_pass_the_key_limit()
    {
        var body = "{\"connection\": \"bash\", \"metadata\": {" + string.Join(", ", Enumerable.Repeat("\"a\": \"1\"", 400)) + "}}";

        Http.AssertError(HttpStatusCode.BadRequest, await fixture.Client.PostAsync("/api/sessions", body), "a JSON object in the request repeats a key");
    }

    [Theory]
    [MemberData(nameof(BadStrings))]
    public async Task U0000_or_an_unpaired_surrogate_in_any_string_is_400(string body)
    {
        Http.AssertError(HttpStatusCode.BadRequest, await fixture.Client.PostAsync("/api/sessions", body), "strings must not contain U+0000 or unpaired surrogates");
    }

    [Fact]
    public async Task A_properly_paired_surrogate_is_kept()
    {
        var (status, body) = await fixture.Client.PostAsync("/api/sessions", """{"connection": "bash", "script": "printf '%s' \"$1\"", "client_args": ["\ud83d\ude80"], "labels": {"k": "\ud83d\ude80"}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("\U0001F680", body.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Labels_get_the_metadata_limits()
    {
        var tooMany = Enumerable.Range(0, 21).ToDictionary(i => $"k{i}", i => "v");

        Http.AssertError(HttpStatusCode.UnprocessableEntity, await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", labels = tooMany }), "labels must have at most 20 keys");
        Http.AssertError(HttpStatusCode.UnprocessableEntity, await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", labels = new Dictionary<string, string> { ["k"] = new('v', 2500) } }));
        Http.AssertError(HttpStatusCode.UnprocessableEntity, await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", labels = new Dictionary<string, string> { [new string('k', 2500)] = "v" } }));
    }

    [Theory]
    [InlineData("""{"status": "REJECTED", "rejection_reason": "no\u0000"}""", "strings must not contain U+0000 or unpaired surrogates")]
    [InlineData("""{"status": "REJECTED", "rejection_reason": "\ud800"}""", "strings must not contain U+0000 or unpaired surrogates")]
    [InlineData("""{"status": "REJECTED", "status": "APPROVED"}""", "a JSON object in the request repeats a key")]
    public async Task A_review_body_follows_the_same_rule(string body, string message)
    {
        using var response = await fixture.Client.PutAsync($"/api/sessions/{Guid.NewGuid()}/review", Http.Json(body));

        Http.AssertError(HttpStatusCode.BadRequest, await Http.ReadAsync(response), message);
    }
}
