using HoopOrleans.Testing.Browser;

namespace HoopOrleans.Api.Tests.WebConsole;

/// <summary>
/// Debian's chromium and a front end of its own on loopback for the browser tests of one class:
/// keyless by default, with what <see cref="Settings"/> adds (keys, connections). Each test opens
/// its own <see cref="ConsoleTab"/> (a fresh context) and makes its own sessions, so the tests do
/// not depend on one another or on their order.
/// </summary>
public class ConsoleBrowser : IAsyncLifetime
{
    private Chromium? _chromium;
    private ApiHost? _host;

    public ApiHost Host => _host ?? throw new InvalidOperationException("not started");

    public Uri BaseAddress => Host.Client.BaseAddress!;

    /// <summary>The front end's settings beyond <see cref="ApiHost"/>'s own: a second connection for the list's filters, one with reviews.</summary>
    protected virtual IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Connections:other:Command:0"] = "bash",
        ["Connections:other:Command:1"] = "-s",
        ["Connections:reviewed:Command:0"] = "bash",
        ["Connections:reviewed:Command:1"] = "-s",
        ["Connections:reviewed:Review"] = "true",
    };

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(Settings);
        _chromium = await Chromium.LaunchAsync();
    }

    /// <summary>Starts a run through the API (as a script or CLI would) without waiting for it; its session's id.</summary>
    public async Task<string> StartAsync(object body, HttpClient? client = null)
    {
        var (_, created) = await (client ?? Host.Client).PostAsync("/api/sessions?wait=0", body);
        return created.GetProperty("session_id").GetString()!;
    }

    /// <summary>A new tab on the front end, 1280 px wide unless told.</summary>
    public Task<ConsoleTab> OpenAsync(string path, int width = 1280, int height = 800) =>
        _chromium!.OpenAsync(BaseAddress, path, width, height);

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
