using System.Globalization;

namespace HoopOrleans.Api.Tests.Security;

/// <summary>
/// A certificate shown to the embedded silo's port cannot make the service fetch anything: one
/// whose issuer the peer does not send, and that names a URL to download it from (and revocation
/// URLs), is refused, and the URL's listener, which the test owns, never sees a connection.
/// </summary>
public sealed class OfflineCertificateTests : IAsyncLifetime
{
    private readonly int _siloPort = FreePorts.Next();
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(new Dictionary<string, string>
    {
        ["Orleans:SiloPort"] = _siloPort.ToString(CultureInfo.InvariantCulture),
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_certificate_naming_its_issuers_url_is_refused_and_nothing_is_fetched()
    {
        using var fetch = new FetchListener();
        var unsent = TestCertificates.Authority("an issuer the peer does not send");
        var peer = TestCertificates.NamingUrls(unsent, "a script", fetch.Url);

        // The handshake's outcome is known once this returns: validation, and any fetch it made, is over.
        Assert.True(await TlsProbe.IsRefusedAsync(_siloPort, peer));

        Assert.Equal(0, fetch.Connections);
    }
}
