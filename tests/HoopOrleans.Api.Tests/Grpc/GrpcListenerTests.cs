using System.Net;
using Grpc.Core;
using HoopOrleans.Api.Grpc;
using HoopOrleans.Api.Security;
using HoopOrleans.Testing.Hoop;

namespace HoopOrleans.Api.Tests.Grpc;

/// <summary>
/// The gRPC listener under the HTTP API's rules: hoop's CLI's local mode on a keyless service,
/// no run calling it, nothing but hoop's transport served there and hoop's transport nowhere
/// else, loopback only without keys, and none at all when <c>Grpc:Urls</c> is empty.
/// </summary>
public sealed class GrpcListenerTests
{
    /// <summary>A request a script can send to hoop's transport with curl, printing the HTTP status it got.</summary>
    private static string CurlTransport(Uri grpc) =>
        $"curl -s -o /dev/null -w '%{{http_code}}' --http2-prior-knowledge -X POST -H 'content-type: application/grpc' -H 'te: trailers' " +
        $"-H 'connection-name: bash' --data-binary @/dev/null {grpc}protobuf.Transport/Connect";

    /// <summary>Runs <paramref name="command"/> as the service's own user (this test process's), returning what it printed.</summary>
    private static async Task<string> FromThisProcessAsync(string command)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    [Fact]
    public async Task The_clis_local_mode_runs_as_the_anonymous_caller_of_a_keyless_service()
    {
        await using var host = await ApiHost.StartAsync();

        var result = await new HoopCli(host.GrpcAddress!).ExecAsync("bash", "echo local mode");

        Assert.Equal((0, "local mode\n"), (result.ExitCode, result.Output));
        var (_, session) = await host.Client.GetJsonAsync($"/api/sessions/{result.SessionId}");
        Assert.Equal("anonymous", session.GetProperty("user").GetString());
    }

    [Fact]
    public async Task A_run_cannot_call_a_keyless_services_grpc_listener()
    {
        await using var host = await ApiHost.StartAsync();
        var grpc = host.GrpcAddress!;

        var (status, run) = await host.Client.PostAsync("/api/sessions?wait=120", new { connection = "bash", script = CurlTransport(grpc) });
        var own = await FromThisProcessAsync(CurlTransport(grpc));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("403", run.GetProperty("output").GetString());
        Assert.Equal("200", own);
    }

    [Fact]
    public async Task The_grpc_listener_serves_hoops_transport_only_and_the_node_serves_it_nowhere_else()
    {
        await using var host = await ApiHost.StartAsync();
        using var http2 = new HttpClient { BaseAddress = host.GrpcAddress, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        var api = await Http.ReadAsync(await http2.GetAsync("/api/sessions"));
        using var transport = await host.Client.PostAsync("/protobuf.Transport/Connect", new ByteArrayContent([]));

        Http.AssertError(HttpStatusCode.NotFound, api, "the gRPC listener serves hoop's transport only");
        Assert.Equal(HttpStatusCode.NotFound, transport.StatusCode);
    }

    [Fact]
    public async Task Without_keys_the_grpc_listener_may_not_listen_beyond_loopback()
    {
        var error = await Assert.ThrowsAsync<ListenRefusedException>(async () =>
        {
            await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { ["Grpc:Urls"] = "http://0.0.0.0:0" });
        });

        Assert.Contains("without API keys", error.Message);
    }

    [Fact]
    public async Task An_empty_Grpc_Urls_turns_the_listener_off_and_the_api_serves_on()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { ["Grpc:Urls"] = "" });

        var (status, _) = await host.Client.PostAsync("/api/sessions", new { connection = "bash", script = "true" });

        Assert.Null(host.GrpcAddress);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public void By_default_the_listener_is_where_hoops_cli_looks_in_local_mode() =>
        Assert.Equal(["http://127.0.0.1:8010"], new GrpcOptions().UrlList);

    [Fact]
    public async Task A_stream_that_opens_nothing_ends_without_a_run()
    {
        await using var host = await ApiHost.StartAsync();
        var refused = await Assert.ThrowsAsync<RpcException>(() => new HoopCli(host.GrpcAddress!).ExecAsync("", "true"));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal("the connection-name metadata is missing", refused.Status.Detail);
    }

    [Fact]
    public async Task An_https_listener_serves_hoop_exec_over_tls_with_the_default_certificate()
    {
        using var certificate = HoopOrleans.Testing.TestCertificates.SelfSigned("localhost");
        var pfx = Path.Combine(Directory.CreateTempSubdirectory("hoop-tls-").FullName, "server.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "test-password"));
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string>
        {
            ["Grpc:Urls"] = "https://127.0.0.1:0",
            ["Kestrel:Certificates:Default:Path"] = pfx,
            ["Kestrel:Certificates:Default:Password"] = "test-password",
        });

        // Trust exactly this certificate, as hoop's CLI trusts the CA HOOP_TLSCA names.
        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(host.GrpcAddress!, new global::Grpc.Net.Client.GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.Thumbprint } },
        });
        var result = await new HoopCli(channel).ExecAsync("bash", "echo over grpc and tls");

        Assert.Equal("https", host.GrpcAddress!.Scheme);
        Assert.Equal((0, "over grpc and tls\n"), (result.ExitCode, result.Output));
    }
}
