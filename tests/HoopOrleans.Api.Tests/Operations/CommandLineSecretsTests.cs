using System.Net;
using HoopOrleans.Testing.Hosting;

namespace HoopOrleans.Api.Tests.Operations;

/// <summary>
/// The service as a process of its own warns at start when a secret arrived on its command line,
/// which any local user reads in /proc/&lt;pid&gt;/cmdline, naming the setting and never its value;
/// the same secrets in its environment draw no warning.
/// </summary>
public sealed class CommandLineSecretsTests
{
    private const string Warning = "Secrets were given on the command line";
    private static readonly string Hash = ApiKeyHash.Of("cmdline-test-key");
    private const string EnvValue = "env-secret-3f9c2a";
    private const string Password = "db-password-77e1";

    [Fact]
    public async Task A_key_hash_on_the_command_line_is_named_in_one_warning_without_its_value()
    {
        await using var service = await ServiceProcess.StartAsync(
            $"--Auth:Keys:ops:Hash={Hash}", "--Auth:Keys:ops:Roles:0=admin", "--Auth:Keys:ops:Connections:0=*",
            $"--Connections:vault:Env:TOKEN={EnvValue}", "--Connections:vault:Command:0=bash",
            $"--ConnectionStrings:Postgres=Host=127.0.0.1;Username=hoop;Password={Password}",
            "--ConnectionStrings:Other=Host=127.0.0.1;Username=hoop;Passfile=/nonexistent/pgpass");

        var warning = await service.WaitForLineAsync(Warning);

        Assert.Single(service.Output, line => line.Contains(Warning, StringComparison.Ordinal));
        Assert.Contains("Auth:Keys:ops:Hash", warning);
        Assert.Contains("Auth__Keys__ops__Hash", warning);
        Assert.Contains("Connections:vault:Env:TOKEN", warning);
        Assert.Contains("ConnectionStrings:Postgres", warning);
        Assert.DoesNotContain("ConnectionStrings:Other", warning);
        Assert.DoesNotContain("Roles", warning);
        Assert.All(service.Output, line =>
        {
            Assert.DoesNotContain(Hash, line);
            Assert.DoesNotContain(EnvValue, line);
            Assert.DoesNotContain(Password, line);
        });
    }

    [Fact]
    public async Task The_same_secrets_in_the_environment_draw_no_warning()
    {
        await using var service = await ServiceProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["Auth__Keys__ops__Hash"] = Hash,
                ["Connections__vault__Env__TOKEN"] = EnvValue,
            },
            "--Auth:Keys:ops:Roles:0=admin", "--Auth:Keys:ops:Connections:0=*", "--Connections:vault:Command:0=bash");

        // The warning is written before anything starts, so before Kestrel says it listens; the
        // console writes lines in order. The key still works, so the hash was read from there.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sessions");
        request.Headers.Authorization = new("Bearer", "cmdline-test-key");
        using var answer = await service.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.DoesNotContain(service.Output, line => line.Contains(Warning, StringComparison.Ordinal));
        Assert.DoesNotContain(service.Output, line => line.StartsWith("warn:", StringComparison.Ordinal));
    }
}
