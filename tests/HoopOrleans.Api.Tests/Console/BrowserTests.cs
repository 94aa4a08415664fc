using System.Text.RegularExpressions;
using Microsoft.Playwright;
using HoopOrleans.Testing.Browser;
using static Microsoft.Playwright.Assertions;

namespace HoopOrleans.Api.Tests.WebConsole;

/// <summary>
/// The console in a real browser (Debian's chromium): its modules load under the strict CSP, runs
/// start from the form, output comes live, kill works, and output stays text. Every wait is for an
/// event on the page (a text, a status), never a fixed sleep.
/// </summary>
public sealed class BrowserTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private static readonly LocatorAssertionsToHaveTextOptions Long = new() { Timeout = 30_000 };

    private Task<string> NewSessionAsync(string script) => NewSessionAsync("bash", script);

    private Task<string> NewSessionAsync(string connection, string script) => browser.StartAsync(new { connection, script });

    private static Task RunFromFormAsync(ConsoleTab tab, string script) => tab.RunAsync("bash", script);

    [Fact]
    public async Task The_page_loads_without_errors_or_CSP_violations()
    {
        await using var tab = await browser.OpenAsync("/");

        await Expect(tab.Page.Locator("#key-state")).ToHaveTextAsync("no key");
        await Expect(tab.Page.Locator("main section")).Not.ToContainTextAsync("Loading");
        await Expect(tab.Page.Locator("main section")).Not.ToHaveClassAsync(new Regex("error"));

        Assert.Empty(tab.Problems);
    }

    [Fact]
    public async Task The_watch_sees_a_CSP_violation()
    {
        // Without this, "no violations" could pass only because the listener never fires.
        await using var tab = await browser.OpenAsync("/");

        await tab.Page.EvaluateAsync("""
            () => { const script = document.createElement('script'); script.textContent = 'window.__inline = 1'; document.head.append(script); }
            """);

        Assert.StartsWith("script-src", await tab.FirstViolation.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("undefined", await tab.Page.EvaluateAsync<string>("typeof window.__inline"));
    }

    [Fact]
    public async Task A_script_run_from_the_form_shows_its_output()
    {
        await using var tab = await browser.OpenAsync("/");

        await RunFromFormAsync(tab, "echo from-the-form-$((6 * 7))");

        var answer = tab.Page.Locator(".answer");
        await Expect(answer.Locator("pre")).ToHaveTextAsync("from-the-form-42\n", Long);
        await Expect(answer).ToContainTextAsync("exit code 0");
        Assert.Empty(tab.Problems);
    }

    [Fact]
    public async Task Output_comes_live_before_the_run_ends()
    {
        await using var tab = await browser.OpenAsync("/");

        await RunFromFormAsync(tab, "echo started; sleep 300; echo finished");

        // "started" on the page while the run still goes on (the API says so too): the output is
        // the stream's, not the end's. The run is then killed, so nothing waits on a clock.
        await tab.Page.WaitForURLAsync(new Regex("/sessions/[^/]+$"));
        await Expect(tab.Output).ToHaveTextAsync("started\n", Long);
        await Expect(tab.Fact("status")).ToContainTextAsync("running");
        var id = tab.Page.Url[(tab.Page.Url.LastIndexOf('/') + 1)..];
        var (_, session) = await browser.Host.Client.GetJsonAsync($"/api/sessions/{id}");
        Assert.Equal("running", session.GetProperty("status").GetString());
        var running = await tab.Page.ScreenshotAsync(new() { FullPage = true });

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Kill" }).ClickAsync();
        await Expect(tab.Fact("status")).ToHaveTextAsync("done", Long);
        await Expect(tab.Output).ToHaveTextAsync("started\n");
        Assert.Empty(tab.Problems);
        await Screenshots.SaveAsync("console-session.png", running);
    }

    [Fact]
    public async Task A_running_session_is_killed_from_its_page()
    {
        var id = await NewSessionAsync("echo waiting; sleep 120");
        await using var tab = await browser.OpenAsync($"/sessions/{id}");
        await Expect(tab.Output).ToHaveTextAsync("waiting\n", Long);

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Kill" }).ClickAsync();

        await Expect(tab.Fact("status")).ToHaveTextAsync("done", Long);
        await Expect(tab.Fact("exit code")).Not.ToHaveTextAsync("0");
        await Expect(tab.Page.GetByRole(AriaRole.Button, new() { Name = "Kill" })).ToBeHiddenAsync();
        Assert.Empty(tab.Problems);
    }

    [Fact]
    public async Task A_session_opens_by_its_url()
    {
        var id = await NewSessionAsync("echo by-url");

        await using var tab = await browser.OpenAsync($"/sessions/{id}");

        await Expect(tab.Page.Locator("h1 code")).ToHaveTextAsync(id);
        await Expect(tab.Fact("status")).ToHaveTextAsync("done", Long);
        await Expect(tab.Output).ToHaveTextAsync("by-url\n");
        await Expect(tab.Page.Locator("pre.script")).ToHaveTextAsync("echo by-url");
        Assert.Empty(tab.Problems);
    }

    [Fact]
    public async Task Markup_in_the_output_stays_text()
    {
        const string Markup = "<img src=x onerror=\"window.__xss=1\">";
        var id = await NewSessionAsync($"echo '{Markup}'");

        await using var tab = await browser.OpenAsync($"/sessions/{id}");

        await Expect(tab.Output).ToHaveTextAsync(Markup + "\n", Long);
        Assert.Equal(0, await tab.Page.Locator("img").CountAsync());
        Assert.Equal("undefined", await tab.Page.EvaluateAsync<string>("typeof window.__xss"));
        Assert.Empty(tab.Problems);
    }

    [Fact]
    public async Task The_list_links_to_sessions()
    {
        // A list like a working day's, for the README's picture: a run going on, one that failed,
        // one waiting for a review.
        var id = await NewSessionAsync("echo listed");
        var failed = await NewSessionAsync("other", "echo broke >&2; exit 3");
        var waiting = await NewSessionAsync("reviewed", "echo deploy");
        var running = await NewSessionAsync("bash", "echo building; sleep 120");
        try
        {
            await using var tab = await browser.OpenAsync("/");

            var link = tab.Page.GetByRole(AriaRole.Link, new() { Name = id, Exact = true });
            await Expect(link).ToBeVisibleAsync();
            await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = running, Exact = true })).ToBeVisibleAsync();
            await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = failed, Exact = true })).ToBeVisibleAsync();
            await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = waiting, Exact = true })).ToBeVisibleAsync();
            var list = await tab.Page.ScreenshotAsync(new() { FullPage = true });
            await link.ClickAsync();

            await tab.Page.WaitForURLAsync($"**/sessions/{id}");
            await Expect(tab.Output).ToHaveTextAsync("listed\n", Long);
            Assert.Empty(tab.Problems);
            await Screenshots.SaveAsync("console-list.png", list);
        }
        finally
        {
            await browser.Host.Client.PostAsync($"/api/sessions/{running}/kill", null);
        }
    }
}
