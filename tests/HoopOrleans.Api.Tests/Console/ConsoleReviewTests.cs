using System.Text.RegularExpressions;
using HoopOrleans.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Keys = HoopOrleans.Api.Tests.WebConsole.KeyedConsoleBrowser;

namespace HoopOrleans.Api.Tests.WebConsole;

/// <summary>
/// The console on a node with keys: the key box, a review approved by a second key from its
/// "waiting for me" view, and only the buttons each key's roles allow.
/// </summary>
public sealed class ConsoleReviewTests(KeyedConsoleBrowser browser) : IClassFixture<KeyedConsoleBrowser>
{
    private static readonly LocatorAssertionsToHaveTextOptions Long = new() { Timeout = 60_000 };

    // Each tab first loads without a key, and the node answers that 401 (which the browser logs).
    private static IEnumerable<string> Unexpected(ConsoleTab tab) => tab.Problems.Where(problem => !problem.Contains("status of 401"));

    private ILocator Button(ConsoleTab tab, string name) => tab.Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private async Task<string> NewSessionAsync(string connection, string script)
    {
        using var user = browser.ClientWith(Keys.UserKey);
        return await browser.StartAsync(new { connection, script }, user);
    }

    [Fact]
    public async Task The_key_is_asked_for_kept_for_the_tab_only_and_forgotten()
    {
        await using var tab = await browser.OpenAsync("/");
        Assert.Equal(401, await tab.Page.EvaluateAsync<int>("fetch('/api/userinfo', { cache: 'no-store' }).then(r => r.status)"));
        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = "API key needed" })).ToBeVisibleAsync();
        Assert.Equal("key-input", await tab.FocusedIdAsync());

        await tab.UseKeyAsync("not-a-key");
        await Expect(tab.Page.Locator("main")).ToContainTextAsync("That key was refused.");

        await tab.UseKeyAsync(Keys.UserKey);
        await Expect(tab.Page.Locator("#key-state")).ToHaveTextAsync("key set for this tab");
        await Expect(Button(tab, "Run")).ToBeVisibleAsync();
        Assert.Equal(Keys.UserKey, await tab.Page.EvaluateAsync<string>("sessionStorage.getItem('hoop.apiKey')"));
        Assert.Equal(0, await tab.Page.EvaluateAsync<int>("localStorage.length"));
        Assert.Empty(await tab.Page.Context.CookiesAsync());
        Assert.Equal("", await tab.Page.InputValueAsync("#key-input"));

        await Button(tab, "Forget").ClickAsync();
        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = "API key needed" })).ToBeVisibleAsync();
        Assert.Null(await tab.Page.EvaluateAsync<string?>("sessionStorage.getItem('hoop.apiKey')"));
    }

    [Fact]
    public async Task A_second_key_approves_a_review_from_its_inbox_and_the_requester_runs_it()
    {
        var id = await NewSessionAsync("reviewed", "echo approved-and-ran");
        await using var requester = await browser.OpenAsync("/");
        await requester.UseKeyAsync(Keys.UserKey);
        await requester.Page.GotoAsync($"/sessions/{id}");
        await Expect(requester.Fact("status")).ToHaveTextAsync("open", Long);
        // The requester may not approve their own run.
        await Expect(Button(requester, "Approve")).ToHaveCountAsync(0);

        await using var reviewer = await browser.OpenAsync("/");
        await reviewer.UseKeyAsync(Keys.ReviewerKey);
        await reviewer.Page.GetByRole(AriaRole.Link, new() { Name = "Waiting for me" }).ClickAsync();
        await reviewer.Page.WaitForURLAsync(new Regex(@"/\?view=review$"));
        await reviewer.Page.GetByRole(AriaRole.Link, new() { Name = id, Exact = true }).ClickAsync();
        await reviewer.Page.FillAsync("#review-reason", "looks safe");
        await Button(reviewer, "Approve").ClickAsync();

        await Expect(reviewer.Fact("review")).ToHaveTextAsync("approved", Long);
        await Expect(reviewer.Fact("reviewed by")).ToHaveTextAsync("rui");
        await Expect(reviewer.Fact("status")).ToHaveTextAsync("ready");
        // A reviewer runs nothing: no run form, no kill, no exec.
        await Expect(Button(reviewer, "Run now")).ToBeHiddenAsync();
        await Expect(Button(reviewer, "Kill")).ToBeHiddenAsync();

        // The requester's page moves on by itself once the review is given.
        await Button(requester, "Run now").ClickAsync(new() { Timeout = 60_000 });
        await Expect(requester.Fact("status")).ToHaveTextAsync("done", Long);
        await Expect(requester.Output).ToHaveTextAsync("approved-and-ran\n");
        Assert.Empty(Unexpected(requester));
        Assert.Empty(Unexpected(reviewer));
    }

    [Fact]
    public async Task A_rejection_keeps_its_reason_and_leaves_the_inbox()
    {
        var id = await NewSessionAsync("reviewed", "echo never");
        await using var reviewer = await browser.OpenAsync("/");
        await reviewer.UseKeyAsync(Keys.ReviewerKey);
        await reviewer.Page.GotoAsync("/?view=review");
        await reviewer.Page.GetByRole(AriaRole.Link, new() { Name = id, Exact = true }).ClickAsync();

        await reviewer.Page.FillAsync("#review-reason", "<b>not today</b>");
        await Button(reviewer, "Reject").ClickAsync();

        await Expect(reviewer.Fact("review")).ToHaveTextAsync("rejected", Long);
        await Expect(reviewer.Fact("reason")).ToHaveTextAsync("<b>not today</b>");
        await Expect(reviewer.Fact("status")).ToHaveTextAsync("done");
        await reviewer.Page.GotoAsync("/?view=review");
        await Expect(reviewer.Page.Locator("main section")).Not.ToContainTextAsync("Loading");
        await Expect(reviewer.Page.GetByRole(AriaRole.Link, new() { Name = id, Exact = true })).ToHaveCountAsync(0);
        Assert.Empty(Unexpected(reviewer));
    }

    [Fact]
    public async Task An_auditor_reads_every_session_and_gets_no_buttons_that_act()
    {
        var id = await NewSessionAsync("bash", "echo audited; sleep 120");
        try
        {
            await using var tab = await browser.OpenAsync("/");
            await tab.UseKeyAsync(Keys.AuditorKey);
            await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = id, Exact = true })).ToBeVisibleAsync();
            await Expect(tab.Page.Locator("form.run")).ToHaveCountAsync(0);
            await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = "Waiting for me" })).ToHaveCountAsync(0);

            await tab.Page.GotoAsync($"/sessions/{id}");
            await Expect(tab.Output).ToHaveTextAsync("audited\n", Long);
            await Expect(Button(tab, "Kill")).ToBeHiddenAsync();
            Assert.Empty(Unexpected(tab));
        }
        finally
        {
            using var user = browser.ClientWith(Keys.UserKey);
            await user.PostAsync($"/api/sessions/{id}/kill", null);
        }
    }
}
