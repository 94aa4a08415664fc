using System.Text.Json;
using HoopOrleans.Api.Errors;
using HoopOrleans.Api.Sessions;
using HoopOrleans.Sessions;
using Microsoft.AspNetCore.Http;

namespace HoopOrleans.Api.Tests.Sessions;

public sealed class SessionRequestParserTests
{
    private static Parsed<SessionRequest> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return SessionRequestParser.Parse(document.RootElement, "alice");
    }

    [Fact]
    public void A_full_request_keeps_every_field()
    {
        var result = Parse("""{"connection": "bash", "script": "echo", "client_args": ["a", ""], "metadata": {"k": [1, 2]}, "labels": {"l": "v"}}""");

        var request = result.Value;
        Assert.Equal("bash", request.Connection);
        Assert.Equal("echo", request.Script);
        Assert.Equal(["a", ""], request.ClientArgs.ToArray());
        Assert.Equal("""{"k": [1, 2]}""", request.MetadataJson);
        Assert.Equal("""{"l": "v"}""", request.LabelsJson);
        Assert.Equal("alice", request.User);
    }

    [Fact]
    public void Optional_fields_default_to_empty_and_nulls_count_as_absent()
    {
        var request = Parse("""{"connection": "bash", "script": null, "client_args": null, "metadata": null, "labels": null}""").Value;

        Assert.Equal("", request.Script);
        Assert.Empty(request.ClientArgs);
        Assert.Equal("{}", request.MetadataJson);
        Assert.Equal("{}", request.LabelsJson);
    }

    [Fact]
    public void A_repeated_metadata_key_is_refused_not_counted_once()
    {
        var keys = string.Join(", ", Enumerable.Range(0, 20).Select(i => $"\"k{i}\": 1"));

        var result = Parse("{\"connection\": \"bash\", \"metadata\": {" + keys + ", \"k0\": 2}}");

        Assert.Equal(Refusal.BadRequest(HoopOrleans.Api.Security.JsonInputRules.RepeatedKey), result.Refusal);
    }

    [Theory]
    [InlineData("""{"connection": "bash", "metadata": {"k": "{{long}}"}}""", StatusCodes.Status422UnprocessableEntity)]
    [InlineData("""{"connection": "bash", "metadata": {"k": {"deep": "{{long}}"}}}""", StatusCodes.Status422UnprocessableEntity)]
    [InlineData("""{"connection": "bash", "client_args": [true]}""", StatusCodes.Status400BadRequest)]
    [InlineData("""{"connection": false}""", StatusCodes.Status400BadRequest)]
    public void Invalid_requests_name_their_status(string template, int status)
    {
        var result = Parse(template.Replace("{{long}}", new string('x', 2500)));

        Assert.Equal(status, result.Refusal?.Status);
        Assert.False(string.IsNullOrEmpty(result.Refusal?.Message));
    }
}
