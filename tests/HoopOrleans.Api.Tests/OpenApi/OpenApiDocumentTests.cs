using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using HoopOrleans.Operations.Management;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace HoopOrleans.Api.Tests.OpenApi;

/// <summary>
/// <c>/openapi/v1.json</c> against what the service really maps and answers: every route of the
/// app's <see cref="EndpointDataSource"/> under <c>/api</c> and every probe is there with its
/// method, and the answers' names are the ones the API writes.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class OpenApiDocumentTests(ApiFixture api)
{
    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex SnakeCase();

    [Fact]
    public async Task Every_api_route_and_probe_is_in_the_document_with_its_method_a_summary_and_an_operation_id()
    {
        var document = await ApiDocument.FetchAsync(api.Client);
        var mapped = api.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal)
                || endpoint.Metadata.GetMetadata<ITagsMetadata>()?.Tags.Contains(ManagementRoutes.Tag) == true)
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethod.Get.Method])
                .Select(method => $"{method} {PathOf(endpoint)}"))
            .ToHashSet();
        var documented = document.Model.Paths
            .SelectMany(path => path.Value.Operations!.Select(operation => (Route: $"{operation.Key.Method} {path.Key}", Operation: operation.Value)))
            .ToList();

        Assert.Equal(16, mapped.Count);
        Assert.Equal(mapped.Order(), documented.Select(operation => operation.Route).Order());
        Assert.All(documented, operation =>
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.Operation.Summary), $"{operation.Route} has no summary");
            Assert.False(string.IsNullOrWhiteSpace(operation.Operation.OperationId), $"{operation.Route} has no operationId");
        });
        Assert.Equal(documented.Count, documented.Select(operation => operation.Operation.OperationId).Distinct().Count());
    }

    [Fact]
    public async Task The_alias_is_no_route_of_its_own_and_the_description_says_so()
    {
        var document = await ApiDocument.FetchAsync(api.Client);

        Assert.DoesNotContain(document.Model.Paths.Keys, path => path.StartsWith("/sessions", StringComparison.Ordinal));
        Assert.Contains("`/sessions`", document.Model.Info.Description);
    }

    [Fact]
    public async Task A_run_and_a_session_answer_with_exactly_the_names_their_schemas_give()
    {
        var document = await ApiDocument.FetchAsync(api.Client);

        var (status, run) = await api.Client.PostAsync("/api/sessions", new { connection = "bash", script = "echo named" });
        Assert.Equal(HttpStatusCode.OK, status);
        var id = run.GetProperty("session_id").GetString();
        var (_, session) = await api.Client.GetJsonAsync($"/api/sessions/{id}");
        var (_, page) = await api.Client.GetJsonAsync("/api/sessions?limit=1");
        var (_, missing) = await api.Client.GetJsonAsync("/api/sessions/00000000-0000-4000-8000-000000000000");

        AssertAnswers(document, "RunResult", run);
        AssertAnswers(document, "SessionAnswer", session);
        AssertAnswers(document, "SessionListPage", page);
        AssertAnswers(document, "SessionAnswer", page.GetProperty("data")[0]);
        AssertAnswers(document, "ErrorBody", missing);
    }

    [Fact]
    public async Task Every_schema_names_its_properties_in_snake_case()
    {
        var document = await ApiDocument.FetchAsync(api.Client);

        var names = document.Json.GetProperty("components").GetProperty("schemas").EnumerateObject()
            .Where(schema => schema.Value.TryGetProperty("properties", out _))
            .SelectMany(schema => document.PropertiesOf(schema.Name).Select(property => $"{schema.Name}.{property}"))
            .ToList();

        Assert.Contains("RunResult.session_id", names);
        Assert.Contains("SessionAnswer.has_review", names);
        Assert.All(names, name => Assert.Matches(SnakeCase(), name[(name.IndexOf('.') + 1)..]));
    }

    [Fact]
    public async Task Integers_are_integers_and_output_is_a_string_as_written()
    {
        var document = await ApiDocument.FetchAsync(api.Client);
        var run = document.Json.GetProperty("components").GetProperty("schemas").GetProperty("RunResult").GetProperty("properties");
        var output = document.Json.GetProperty("components").GetProperty("schemas").GetProperty("RunOutput");

        Assert.Equal("integer", run.GetProperty("exit_code").GetProperty("type").GetString());
        Assert.Equal("#/components/schemas/RunOutput", run.GetProperty("output").GetProperty("$ref").GetString());
        Assert.Equal("string", output.GetProperty("type").GetString());
        Assert.DoesNotContain("output", document.RequiredOf("RunResult"));
    }

    [Fact]
    public async Task Keys_are_two_security_schemes_required_by_the_api_and_not_by_the_probes()
    {
        var document = await ApiDocument.FetchAsync(api.Client);
        var schemes = document.Model.Components!.SecuritySchemes!;

        Assert.Equal(SecuritySchemeType.Http, schemes["Bearer"].Type);
        Assert.Equal("bearer", schemes["Bearer"].Scheme);
        Assert.Equal(SecuritySchemeType.ApiKey, schemes["ApiKey"].Type);
        Assert.Equal(ParameterLocation.Header, schemes["ApiKey"].In);
        Assert.Equal("Api-Key", schemes["ApiKey"].Name);
        foreach (var (path, item) in document.Model.Paths)
        {
            foreach (var (method, operation) in item.Operations!)
            {
                var required = operation.Security?.SelectMany(requirement => requirement.Keys).Select(scheme => scheme.Reference.Id).ToList() ?? [];
                Assert.Equal(path.StartsWith("/api/", StringComparison.Ordinal) ? ["Bearer", "ApiKey"] : [], required);
            }
        }
    }

    [Fact]
    public async Task A_run_answers_200_or_202_with_a_location_and_its_headers_are_documented()
    {
        var document = await ApiDocument.FetchAsync(api.Client);
        var run = document.Operation("/api/sessions", HttpMethod.Post);
        var exec = document.Operation("/api/sessions/{id}/exec", HttpMethod.Post);
        var stream = document.Operation("/api/sessions/{id}/stream", HttpMethod.Get);

        foreach (var operation in new[] { run, exec })
        {
            Assert.Contains("200", operation.Responses!.Keys);
            Assert.True(operation.Responses["202"].Headers?.ContainsKey("Location"), "a 202 says where to poll");
            Assert.True(operation.Responses["429"].Headers?.ContainsKey("Retry-After"), "a 429 says when to come back");
            Assert.True(operation.Responses["503"].Headers?.ContainsKey("Retry-After"), "a 503 says when to come back");
        }

        Assert.Contains(run.Parameters!, parameter => parameter is { Name: "Idempotency-Key", In: ParameterLocation.Header });
        Assert.Contains(run.Parameters!, parameter => parameter is { Name: "wait", In: ParameterLocation.Query });
        Assert.Contains(stream.Parameters!, parameter => parameter is { Name: "Last-Event-ID", In: ParameterLocation.Header });
        Assert.Equal("SessionRequestBody", Assert.IsType<OpenApiSchemaReference>(run.RequestBody!.Content!["application/json"].Schema).Reference.Id);
    }

    [Fact]
    public async Task The_streams_are_documented_as_server_sent_events_and_plain_text()
    {
        var document = await ApiDocument.FetchAsync(api.Client);

        var events = document.Operation("/api/sessions/{id}/stream", HttpMethod.Get).Responses!["200"];
        var text = document.Operation("/api/sessions/{id}/result/stream", HttpMethod.Get).Responses!["200"];

        Assert.Equal(["text/event-stream"], events.Content!.Keys);
        Assert.Contains("event: output", events.Description);
        Assert.Contains("event: result", events.Description);
        Assert.Contains("keep-alive", events.Description);
        Assert.Contains("OutputEvent", document.Model.Components!.Schemas!.Keys);
        Assert.Equal(["text/plain"], text.Content!.Keys);
    }

    [Fact]
    public async Task Every_error_answer_is_the_message_body_with_a_reason()
    {
        var document = await ApiDocument.FetchAsync(api.Client);

        var errors = document.Model.Paths
            .Where(path => path.Key.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(path => path.Value.Operations!.Values)
            .SelectMany(operation => operation.Responses!.Where(response => int.Parse(response.Key, System.Globalization.CultureInfo.InvariantCulture) >= 400))
            .ToList();

        Assert.All(errors, error =>
        {
            var schema = Assert.IsType<OpenApiSchemaReference>(error.Value.Content!["application/json"].Schema);
            Assert.Equal("ErrorBody", schema.Reference.Id);
            Assert.False(string.IsNullOrWhiteSpace(error.Value.Description));
        });
        Assert.Equal(
            ["400", "401", "403", "409", "413", "415", "422", "429", "503"],
            document.Operation("/api/sessions", HttpMethod.Post).Responses!.Keys.Where(status => status[0] is '4' or '5'));
    }

    /// <summary>The route's path as a document writes it: a group's empty pattern leaves a trailing slash, which routing ignores.</summary>
    private static string PathOf(RouteEndpoint endpoint) => endpoint.RoutePattern.RawText!.TrimEnd('/');

    /// <summary>An answer has every property its schema requires, and none the schema does not name.</summary>
    private static void AssertAnswers(ApiDocument document, string schema, JsonElement answer)
    {
        var written = answer.EnumerateObject().Select(property => property.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(written.Except(document.PropertiesOf(schema)));
        Assert.Empty(document.RequiredOf(schema).Except(written));
    }
}
