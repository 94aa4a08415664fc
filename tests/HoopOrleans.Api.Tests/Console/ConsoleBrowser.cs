using Microsoft.Playwright;

namespace HoopOrleans.Api.Tests.WebConsole;

/// <summary>
/// Debian's chromium driven by Playwright, and a front end of its own on loopback (keyless) for the
/// browser tests of one class. Each test opens its own <see cref="ConsoleTab"/> (a fresh context)
/// and makes its own sessions, so the tests do not depend on one another or on their order.
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    // Launched by path, never a Playwright channel or download: the tests run where no browser
    // may be fetched. HOOP_CHROMIUM names another binary for a machine that keeps it elsewhere.
    private static readonly string Executable = Environment.GetEnvironmentVariable("HOOP_CHROMIUM") ?? "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private ApiHost? _host;

    public ApiHost Host => _host ?? throw new InvalidOperationException("not started");

    public Uri BaseAddress => Host.Client.BaseAddress!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"No browser at {Executable}: apt-get install -y chromium, or set HOOP_CHROMIUM.");
        }

        _host = await ApiHost.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            // Chromium's sandbox refuses to start as root (a container's usual user).
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
    }

    /// <summary>A new tab in a context of its own (no storage shared with other tests), watched for errors.</summary>
    public async Task<ConsoleTab> OpenAsync(string path)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1100, Height = 700 },
        });
        return await ConsoleTab.OpenAsync(context, path);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
