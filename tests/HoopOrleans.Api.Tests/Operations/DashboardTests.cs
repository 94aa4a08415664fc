using System.Net;
using HoopOrleans.Api.Tests.Auth;

namespace HoopOrleans.Api.Tests.Operations;

/// <summary>
/// Orleans' dashboard: off by default; on with <c>Orleans:Dashboard:Enabled</c>, at <c>/dashboard</c>;
/// with keys, a browser signs in once with an admin or auditor key and carries a strict cookie.
/// </summary>
public sealed class DashboardTests
{
    private static Dictionary<string, string> WithKeys(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string> { ["Orleans:Dashboard:Enabled"] = "true" };
        TestKeys.Add(settings, "root", ["admin"], ["*"]);
        TestKeys.Add(settings, "audrey", ["auditor"], ["*"]);
        TestKeys.Add(settings, "alice", ["user"], ["bash"]);
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static HttpClient Browser(Uri address) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = address };

    private static FormUrlEncodedContent KeyForm(string name) => new([new("key", TestKeys.KeyOf(name))]);

    [Fact]
    public async Task The_dashboard_is_off_unless_asked_for()
    {
        await using var host = await ApiHost.StartAsync();

        using var page = await host.Client.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task A_keyless_node_serves_the_dashboard_and_its_statistics()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { ["Orleans:Dashboard:Enabled"] = "true" });

        using var page = await host.Client.GetAsync("/dashboard/");
        using var stats = await host.Client.GetAsync("/dashboard/ClusterStats");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Orleans Dashboard", await page.Content.ReadAsStringAsync());
        Assert.Equal("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
    }

    [Fact]
    public async Task With_keys_a_browser_is_sent_to_sign_in_and_its_page_calls_are_refused()
    {
        await using var host = await ApiHost.StartAsync(WithKeys());
        using var browser = Browser(host.Client.BaseAddress!);

        using var page = await browser.GetAsync("/dashboard/");
        var stats = await Http.ReadAsync(await browser.GetAsync("/dashboard/ClusterStats"));
        using var form = await browser.GetAsync("/dashboard/login");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/dashboard/login", page.Headers.Location!.OriginalString);
        Http.AssertError(HttpStatusCode.Unauthorized, stats);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("<label for=\"key\">API key</label>", html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("default-src 'none'", form.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task An_auditor_signs_in_once_and_gets_a_strict_cookie_that_opens_the_dashboard()
    {
        await using var host = await ApiHost.StartAsync(WithKeys());
        using var browser = Browser(host.Client.BaseAddress!);

        using var signIn = await browser.PostAsync("/dashboard/login", KeyForm("audrey"));
        using var stats = await browser.GetAsync("/dashboard/ClusterStats");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("hoop-dashboard=", cookie);
        Assert.Contains("path=/dashboard", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.Contains("httponly", cookie);
        Assert.DoesNotContain(TestKeys.KeyOf("audrey"), cookie);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
    }

    [Fact]
    public async Task A_user_key_cannot_sign_in_nor_call_and_an_admin_key_calls_without_a_cookie()
    {
        await using var host = await ApiHost.StartAsync(WithKeys());
        using var browser = Browser(host.Client.BaseAddress!);
        using var admin = TestKeys.ClientAs(host, "root");
        using var user = TestKeys.ClientAs(host, "alice");

        using var signIn = await browser.PostAsync("/dashboard/login", KeyForm("alice"));
        var asUser = await Http.ReadAsync(await user.GetAsync("/dashboard/ClusterStats"));
        using var asAdmin = await admin.GetAsync("/dashboard/ClusterStats");

        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        Assert.False(signIn.Headers.Contains("Set-Cookie"));
        Http.AssertError(HttpStatusCode.Forbidden, asUser);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
    }

    [Fact]
    public async Task A_sign_in_posted_by_another_site_is_refused()
    {
        await using var host = await ApiHost.StartAsync(WithKeys());
        using var browser = Browser(host.Client.BaseAddress!);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dashboard/login") { Content = KeyForm("root") };
        request.Headers.Add("Origin", "https://evil.example");

        var answer = await Http.ReadAsync(await browser.SendAsync(request));

        Http.AssertError(HttpStatusCode.Forbidden, answer);
    }

    [Fact]
    public async Task On_the_management_listener_the_dashboard_answers_any_host_and_open_management_needs_no_key()
    {
        await using var host = await ApiHost.StartAsync(WithKeys(("Management:Urls", "http://127.0.0.1:0"), ("Management:Open", "true")));
        using var browser = Browser(host.ManagementAddress!);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/ClusterStats");
        request.Headers.Host = "10.1.2.3:9090";

        using var stats = await browser.SendAsync(request);
        using var onNode = await host.Client.GetAsync("/dashboard/ClusterStats");

        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, onNode.StatusCode);
    }
}
