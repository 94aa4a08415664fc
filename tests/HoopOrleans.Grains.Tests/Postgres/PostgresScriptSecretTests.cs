namespace HoopOrleans.Grains.Tests.Postgres;

/// <summary>
/// <c>deploy/local/postgres.sh</c>, which cluster.sh, CI and these tests use, never hands the
/// server's password to a command as an argument: every local user can read a process's argv in
/// <c>/proc/&lt;pid&gt;/cmdline</c> while it runs.
/// </summary>
public sealed class PostgresScriptSecretTests
{
    private const string Script = "deploy/local/postgres.sh";

    [Fact]
    public async Task No_command_the_script_runs_gets_the_password_as_an_argument()
    {
        using var recorded = new RecordedCommands();
        var folder = Path.Combine(Path.GetTempPath(), $"hoop-pg-{Guid.NewGuid():N}");
        var port = FreePorts.Next().ToString();
        try
        {
            // The first start makes the server, its password and the database; the second finds them.
            await ScriptRunner.RunAsync(Script, ["start", folder, port], recorded.Environment);
            await ScriptRunner.RunAsync(Script, ["stop", folder], recorded.Environment);
            await ScriptRunner.RunAsync(Script, ["start", folder, port], recorded.Environment);
            var password = (await File.ReadAllTextAsync(Path.Combine(folder, "password"))).Trim();

            Assert.NotEmpty(password);
            Assert.All(["/initdb ", "/pg_ctl ", "/psql ", "/createdb "], command => Assert.Contains(recorded.Invocations, argv => argv.Contains(command, StringComparison.Ordinal)));
            Assert.All(recorded.Invocations, argv => Assert.DoesNotContain(password, argv, StringComparison.Ordinal));
        }
        finally
        {
            await ScriptRunner.RunAsync(Script, ["stop", folder]);
            Directory.Delete(folder, recursive: true);
        }
    }
}
