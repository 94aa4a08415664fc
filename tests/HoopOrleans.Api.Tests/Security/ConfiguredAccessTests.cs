using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Tests.Security;

/// <summary>What operators configure: other origins, host names, HTTPS.</summary>
public sealed class ConfiguredAccessTests
{
    private const string Console = "https://console.example.com";

    [Fact]
    public async Task A_listed_origin_may_call_and_gets_cors_answers()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { ["Http:AllowedOrigins:0"] = Console + "/" });

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/sessions");
        preflight.Headers.Add("Origin", Console);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type, authorization");
        using var preflightAnswer = await host.Client.SendAsync(preflight);

        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = Http.Json("""{"connection": "bash", "script": "echo from the console"}""") };
        post.Headers.Add("Origin", Console);
        using var postAnswer = await host.Client.SendAsync(post);
        var (status, body) = await Http.ReadAsync(postAnswer);

        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/sessions");
        other.Headers.Add("Origin", "https://other.example.com");

        Assert.Equal(HttpStatusCode.NoContent, preflightAnswer.StatusCode);
        Assert.Equal(Console, preflightAnswer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("from the console\n", body.GetProperty("output").GetString());
        Assert.Equal(Console, postAnswer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Http.AssertError(HttpStatusCode.Forbidden, await Http.ReadAsync(await host.Client.SendAsync(other)));
    }

    [Fact]
    public async Task An_allowed_origin_that_is_not_an_origin_stops_start_up_naming_the_key()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { ["Http:AllowedOrigins:0"] = "https://console.example.com/app" });
        });

        Assert.Contains("Http:AllowedOrigins:0", error.Message);
    }

    [Fact]
    public async Task With_anonymous_access_allowed_the_allowed_hosts_decide()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { ["Auth:AllowAnonymous"] = "true", ["AllowedHosts"] = "hoop.example.com;*.hoop.example.com" });

        async Task<(HttpStatusCode, System.Text.Json.JsonElement)> GetAsHost(string name)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sessions");
            request.Headers.Host = name;
            return await Http.ReadAsync(await host.Client.SendAsync(request));
        }

        Assert.Equal(HttpStatusCode.OK, (await GetAsHost("hoop.example.com")).Item1);
        Assert.Equal(HttpStatusCode.OK, (await GetAsHost("eu.hoop.example.com:8443")).Item1);
        Http.AssertError(HttpStatusCode.BadRequest, await GetAsHost("evil.example"));
        Http.AssertError(HttpStatusCode.BadRequest, await GetAsHost("localhost"));
    }

    [Fact]
    public async Task Behind_a_proxy_the_own_origin_is_the_one_the_browser_used()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { ["FORWARDEDHEADERS_ENABLED"] = "true" });
        var authority = host.Client.BaseAddress!.Authority;

        async Task<HttpStatusCode> GetFrom(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sessions");
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("Origin", origin);
            using var response = await host.Client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await GetFrom($"https://{authority}"));
        Assert.Equal(HttpStatusCode.Forbidden, await GetFrom($"http://{authority}"));
    }

    [Fact]
    public async Task Https_serves_with_the_configured_certificate()
    {
        using var certificate = SelfSigned("localhost");
        var folder = Directory.CreateTempSubdirectory("hoop-tls-").FullName;
        var pfx = Path.Combine(folder, "server.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, "test-password"));

        await using var host = await ApiHost.StartAsync(new Dictionary<string, string>
        {
            ["Kestrel:Endpoints:https:Url"] = "https://127.0.0.1:0",
            ["Kestrel:Endpoints:https:Certificate:Path"] = pfx,
            ["Kestrel:Endpoints:https:Certificate:Password"] = "test-password",
        });
        using var handler = new HttpClientHandler
        {
            // Trust exactly the certificate this test made, as a client would pin a private CA.
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        };
        using var client = new HttpClient(handler) { BaseAddress = host.Client.BaseAddress };

        var (status, body) = await client.PostAsync("/api/sessions", new { connection = "bash", script = "echo over tls" });

        Assert.Equal("https", client.BaseAddress!.Scheme);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("over tls\n", body.GetProperty("output").GetString());
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}
