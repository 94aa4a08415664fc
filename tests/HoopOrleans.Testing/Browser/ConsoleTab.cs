using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace HoopOrleans.Testing.Browser;

/// <summary>
/// One page of the console in its own browser context, recording what would go unseen in a test
/// that only reads the DOM: console errors, uncaught exceptions and Content-Security-Policy
/// violations (a blocked script or style fails silently otherwise).
/// </summary>
public sealed class ConsoleTab : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly TaskCompletionSource<string> _firstViolation = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ConsoleTab(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Everything that went wrong in the page so far.</summary>
    public IReadOnlyList<string> Problems => [.. _problems];

    /// <summary>Completes with the first CSP violation the page reports, for a test that provokes one.</summary>
    public Task<string> FirstViolation => _firstViolation.Task;

    private void Report(string problem) => _problems.Enqueue(problem);

    private void ReportViolation(string violation)
    {
        Report($"CSP: {violation}");
        _firstViolation.TrySetResult(violation);
    }

    public static async Task<ConsoleTab> OpenAsync(IBrowserContext context, string path)
    {
        // Generous enough for a loaded machine running the whole suite; each wait still ends at
        // its event, not at the timeout.
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var tab = new ConsoleTab(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                tab.Report($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => tab.Report($"uncaught: {error}");

        // The page's CSP does not apply to a binding or an init script (the browser adds them),
        // so the listener is there before the page's own first script.
        await context.ExposeBindingAsync("__cspViolation", (BindingSource _, string violation) => tab.ReportViolation(violation));
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', (event) =>
              window.__cspViolation(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`));
            """);
        var response = await page.GotoAsync(path);
        if (response is null || !response.Ok)
        {
            throw new InvalidOperationException($"{path} answered {response?.Status}");
        }

        return tab;
    }

    /// <summary>The session page's fact named <paramref name="name"/> (status, exit code, …).</summary>
    public ILocator Fact(string name) =>
        Page.Locator("dl.facts dt").Filter(new() { HasTextRegex = new($"^{name}$") }).Locator("xpath=following-sibling::dd[1]");

    public ILocator Output => Page.Locator("pre.output");

    /// <summary>Types a key into the header's box and uses it, as a person would.</summary>
    public async Task UseKeyAsync(string key)
    {
        await Page.FillAsync("#key-input", key);
        await Page.ClickAsync("#key-save");
    }

    /// <summary>Fills the run form and presses Run.</summary>
    public async Task RunAsync(string connection, string script)
    {
        await Page.FillAsync("#run-connection", connection);
        await Page.FillAsync("#run-script", script);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
    }

    /// <summary>The id of the element that has the keyboard's focus.</summary>
    public Task<string> FocusedIdAsync() => Page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''");

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
