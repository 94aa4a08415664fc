using System.Text.RegularExpressions;
using HoopOrleans.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HoopOrleans.Api.Tests.WebConsole;

/// <summary>The session list in a real browser: hoop's filters, kept in the page's URL, and paging.</summary>
public sealed class ConsoleListTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private Task<string> NewSessionAsync(string connection, string script) => browser.StartAsync(new { connection, script });

    private static ILocator Link(ConsoleTab tab, string id) => tab.Page.GetByRole(AriaRole.Link, new() { Name = id, Exact = true });

    private static ILocator Row(ConsoleTab tab, string id) => tab.Page.Locator("table.sessions tr").Filter(new() { Has = Link(tab, id) });

    [Fact]
    public async Task The_filters_narrow_the_list_and_stay_in_its_url()
    {
        var done = await NewSessionAsync("other", "echo on-other");
        var elsewhere = await NewSessionAsync("bash", "echo on-bash");
        var running = await NewSessionAsync("other", "echo going; sleep 120");
        await browser.Host.Client.GetAsync($"/api/sessions/{done}?wait=30");
        await browser.Host.Client.GetAsync($"/api/sessions/{elsewhere}?wait=30");
        try
        {
            await using var tab = await browser.OpenAsync("/");
            await Expect(Link(tab, done)).ToBeVisibleAsync();
            await Expect(Row(tab, running).Locator(".badge-live")).ToHaveTextAsync("live");

            await tab.Page.FillAsync("#filter-connection", "other");
            await tab.Page.SelectOptionAsync("#filter-status", "done");
            await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

            await tab.Page.WaitForURLAsync(new Regex(@"/\?connection=other&status=done$"));
            await Expect(Link(tab, done)).ToBeVisibleAsync();
            await Expect(Link(tab, elsewhere)).ToHaveCountAsync(0);
            await Expect(Link(tab, running)).ToHaveCountAsync(0);
            Assert.All(await tab.Page.Locator("table.sessions tbody td:nth-child(3)").AllTextContentsAsync(), name => Assert.Equal("other", name));

            // A filtered list opens by its URL, and Back returns to the one before.
            await tab.Page.GotoAsync("/?status=running&connection=other");
            await Expect(Link(tab, running)).ToBeVisibleAsync();
            await Expect(Link(tab, done)).ToHaveCountAsync(0);
            await Expect(tab.Page.Locator("#filter-status")).ToHaveValueAsync("running");
            await tab.Page.GoBackAsync();
            await Expect(Link(tab, done)).ToBeVisibleAsync();
            await Expect(Link(tab, running)).ToHaveCountAsync(0);

            await tab.Page.GotoAsync("/?user=nobody-at-all");
            await Expect(tab.Page.GetByText("No sessions match.")).ToBeVisibleAsync();
            Assert.Empty(tab.Problems);
        }
        finally
        {
            await browser.Host.Client.PostAsync($"/api/sessions/{running}/kill", null);
        }
    }

    [Fact]
    public async Task The_start_window_filters_by_when_sessions_began()
    {
        var id = await NewSessionAsync("other", "echo dated");
        await using var tab = await browser.OpenAsync("/");

        // A window that ended before the session began hides it; one that holds it shows it.
        await tab.Page.FillAsync("#filter-before", "2001-01-01T00:00");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await tab.Page.WaitForURLAsync(new Regex("end_date=2001-01-0"));
        await Expect(tab.Page.GetByText("No sessions match.")).ToBeVisibleAsync();

        await tab.Page.FillAsync("#filter-before", "");
        await tab.Page.FillAsync("#filter-after", "2001-01-01T00:00");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await tab.Page.WaitForURLAsync(new Regex("start_date=2001-01-0"));
        await Expect(Link(tab, id)).ToBeVisibleAsync();
        Assert.Empty(tab.Problems);
    }

    [Fact]
    public async Task The_list_pages_through_sessions_with_a_count()
    {
        await Task.WhenAll(Enumerable.Range(0, 51).Select(n => NewSessionAsync("other", $"echo page-{n}")));
        await using var tab = await browser.OpenAsync("/?connection=other");

        await Expect(tab.Page.Locator("table.sessions tbody tr")).ToHaveCountAsync(50);
        await Expect(tab.Page.Locator("p.count")).ToHaveTextAsync(new Regex(@"^sessions 1–50 of \d+$"));
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Older" }).ClickAsync();

        await tab.Page.WaitForURLAsync(new Regex(@"connection=other&offset=50$"));
        await Expect(tab.Page.Locator("p.count")).ToHaveTextAsync(new Regex(@"^sessions 51–\d+ of \d+$"));
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Newer" }).ClickAsync();
        await tab.Page.WaitForURLAsync(new Regex(@"/\?connection=other$"));
        await Expect(tab.Page.Locator("table.sessions tbody tr")).ToHaveCountAsync(50);
        Assert.Empty(tab.Problems);
    }
}
