using System.Net;
using HoopOrleans.Api.Tests.Auth;

namespace HoopOrleans.Api.Tests.Security;

/// <summary>
/// Under a root service (these tests run as root) each key's runs on a connection are a uid of
/// their own, with a home of their own: one key's run cannot signal another's running session,
/// see or open its descriptors (its output among them) or write into its home, while the other
/// key's own run can (so the probes do detect access). The output pipe is the service's (root's,
/// mode 0600), so no run, not even its own uid's, reopens it through <c>/proc</c>: a file the run
/// opened itself (fd 3) is the descriptor its own uid can reach. Without keys the one caller keeps
/// one uid per connection; the embedded service keeps every pair's uid (and so its home) across a
/// restart that adds a connection.
/// </summary>
public sealed class RunUidIsolationTests : IDisposable
{
    private const uint First = 2100071000;

    /// <summary>Tries, from a run, what one user must not do to another's running session: exit codes, not guesses.</summary>
    private const string Probe = """
        pid=$1 home=$2
        kill -0 "$pid" 2>/dev/null && echo signal=yes || echo signal=no
        readlink "/proc/$pid/fd/1" >/dev/null 2>&1 && echo see-fds=yes || echo see-fds=no
        (: < "/proc/$pid/fd/1") 2>/dev/null && echo read-output=yes || echo read-output=no
        (echo forged > "/proc/$pid/fd/1") 2>/dev/null && echo write-output=yes || echo write-output=no
        (echo forged >> "/proc/$pid/fd/3") 2>/dev/null && echo write-file=yes || echo write-file=no
        (: > "$home/planted") 2>/dev/null && echo write-home=yes || echo write-home=no
        ls "$home" >/dev/null 2>&1 && echo list-home=yes || echo list-home=no
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("hoop-run-uids-").FullName;

    public RunUidIsolationTests()
    {
        // Run users pass through it to their homes, as through any home root's parents.
        File.SetUnixFileMode(_folder, (UnixFileMode)0x1ed /* 0755 */);
    }

    [Fact]
    public async Task Two_keys_on_one_connection_run_as_two_uids_and_cannot_touch_each_others_processes_output_or_home()
    {
        var settings = Settings();
        TestKeys.Add(settings, "alice", ["user"], ["bash"]);
        TestKeys.Add(settings, "bob", ["user"], ["bash"]);
        await using var host = await ApiHost.StartAsync(settings);
        using var alice = TestKeys.ClientAs(host, "alice");
        using var bob = TestKeys.ClientAs(host, "bob");

        var aliceUid = await OutputAsync(alice, "bash", "id -u");
        var bobUid = await OutputAsync(bob, "bash", "id -u");
        Assert.NotEqual(aliceUid, bobUid);
        Assert.All([aliceUid, bobUid], uid => Assert.InRange(uint.Parse(uid), First, First + 999));

        var (status, started) = await bob.PostAsync("/api/sessions?wait=0", new { connection = "bash", script = "exec 3>>\"$HOME/log\"; echo \"$$ $HOME\"; exec sleep 300" });
        Assert.Equal(HttpStatusCode.Accepted, status);
        var running = started.GetProperty("session_id").GetString()!;
        try
        {
            var (pid, home) = await FirstLineAsync(bob, running);
            Assert.Equal(Path.Combine(Root, bobUid), home);

            Assert.Equal(
                "signal=no\nsee-fds=no\nread-output=no\nwrite-output=no\nwrite-file=no\nwrite-home=no\nlist-home=no",
                await OutputAsync(alice, "bash", Probe, pid, home));
            Assert.Equal(
                "signal=yes\nsee-fds=yes\nread-output=no\nwrite-output=no\nwrite-file=yes\nwrite-home=yes\nlist-home=yes",
                await OutputAsync(bob, "bash", Probe, pid, home));
        }
        finally
        {
            using var killed = await bob.PostAsync($"/api/sessions/{running}/kill", null);
            Assert.Equal(HttpStatusCode.NoContent, killed.StatusCode);
        }

        Assert.Equal($"{bobUid}:{bobUid} 700 directory", await FileStatus.DescribeAsync(Path.Combine(Root, bobUid)));
        Assert.Equal($"{aliceUid}:{aliceUid} 700 directory", await FileStatus.DescribeAsync(Path.Combine(Root, aliceUid)));
    }

    [Fact]
    public async Task Without_keys_the_one_caller_keeps_one_uid_per_connection()
    {
        var settings = Settings();
        settings["Connections:sh:Command:0"] = "sh";
        settings["Connections:sh:Command:1"] = "-s";
        await using var host = await ApiHost.StartAsync(settings);

        var bash = await OutputAsync(host.Client, "bash", "id -u");
        var sh = await OutputAsync(host.Client, "sh", "id -u");

        Assert.NotEqual(bash, sh);
        Assert.Equal(bash, await OutputAsync(host.Client, "bash", "id -u"));
        Assert.Equal(sh, await OutputAsync(host.Client, "sh", "id -u"));
    }

    [Fact]
    public async Task A_restart_of_the_embedded_service_that_adds_a_connection_keeps_every_uid_and_home()
    {
        var settings = Settings();
        TestKeys.Add(settings, "alice", ["user"], ["*"]);
        TestKeys.Add(settings, "bob", ["user"], ["*"]);
        (string Key, string Connection)[] pairs = [("alice", "bash"), ("bob", "bash"), ("alice", "zsh")];
        settings["Connections:zsh:Command:0"] = "bash";
        settings["Connections:zsh:Command:1"] = "-s";
        var before = new Dictionary<(string, string), string>();
        await using (var host = await ApiHost.StartAsync(settings))
        {
            foreach (var (key, connection) in pairs)
            {
                using var client = TestKeys.ClientAs(host, key);
                before[(key, connection)] = await OutputAsync(client, connection, "echo kept > \"$HOME/$1\"; id -u", connection);
            }
        }

        // "aaa" sorts before every other connection: once, it would have taken the first uid.
        settings["Connections:aaa:Command:0"] = "bash";
        settings["Connections:aaa:Command:1"] = "-s";
        await using var restarted = await ApiHost.StartAsync(settings);
        using var alice = TestKeys.ClientAs(restarted, "alice");
        var added = await OutputAsync(alice, "aaa", "id -u");
        foreach (var (key, connection) in pairs)
        {
            using var client = TestKeys.ClientAs(restarted, key);
            Assert.Equal($"kept\n{before[(key, connection)]}", await OutputAsync(client, connection, "cat \"$HOME/$1\"; id -u", connection));
        }

        Assert.Equal(pairs.Length, before.Values.Distinct().Count());
        Assert.DoesNotContain(added, before.Values);
    }

    private string Root => Path.Combine(_folder, "home");

    private Dictionary<string, string> Settings() => new()
    {
        ["Security:RunUidRange"] = $"{First}-{First + 999}",
        ["Security:RunHomeRoot"] = Root,
    };

    /// <summary>Runs <paramref name="script"/> to its end and returns its output, trimmed; it must succeed.</summary>
    private static async Task<string> OutputAsync(HttpClient client, string connection, string script, params string[] args)
    {
        var (status, body) = await client.PostAsync("/api/sessions", new { connection, script, client_args = args });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetProperty("exit_code").GetInt32());
        return body.GetProperty("output").GetString()!.Trim();
    }

    /// <summary>The running session's first line of output, "pid home", read from its live output as it is written.</summary>
    private static async Task<(string Pid, string Home)> FirstLineAsync(HttpClient client, string session)
    {
        using var response = await client.GetAsync($"/api/sessions/{session}/result/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var fields = (await reader.ReadLineAsync())!.Split(' ');
        return (fields[0], fields[1]);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
