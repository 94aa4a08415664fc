using Microsoft.Playwright;

namespace HoopOrleans.Testing.Browser;

/// <summary>
/// Debian's chromium driven by Playwright. Launched by path, never a Playwright channel or download:
/// the tests run where no browser may be fetched. <c>HOOP_CHROMIUM</c> names another binary for a
/// machine that keeps it elsewhere. Each tab opens in a context of its own (no storage shared
/// between tests), so tests sharing one browser do not see each other's keys.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public static readonly string Executable = Environment.GetEnvironmentVariable("HOOP_CHROMIUM") ?? "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"No browser at {Executable}: apt-get install -y chromium, or set HOOP_CHROMIUM.");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Executable,
                Headless = true,
                // Chromium's sandbox refuses to start as root (a container's usual user).
                Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
            });
            return new Chromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A new tab on <paramref name="baseAddress"/>'s <paramref name="path"/>, in a context of its own, watched for errors.</summary>
    public async Task<ConsoleTab> OpenAsync(Uri baseAddress, string path, int width = 1280, int height = 800)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        return await ConsoleTab.OpenAsync(context, path);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
