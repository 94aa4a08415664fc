using System.Diagnostics;

namespace HoopOrleans.Grains.Tests.Postgres;

/// <summary>
/// A folder of wrappers that stand in for the commands <c>deploy/local/postgres.sh</c> runs: each
/// appends its whole argv, as the kernel shows it in <c>/proc/&lt;pid&gt;/cmdline</c>, to a log,
/// then executes the real command with the same arguments. Put first on <c>PATH</c>, it catches
/// <c>runuser</c> and <c>env</c>; its <c>pg_config</c> names the folder as PostgreSQL's, so the
/// script runs <c>initdb</c>, <c>pg_ctl</c>, <c>psql</c> and <c>createdb</c> through it too.
/// </summary>
public sealed class RecordedCommands : IDisposable
{
    private static readonly string[] ServerCommands = ["initdb", "pg_ctl", "psql", "createdb"];
    private static readonly string[] SystemCommands = ["runuser", "env"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"hoop-argv-{Guid.NewGuid():N}");
    private readonly string _log;

    public RecordedCommands()
    {
        // Under root the script runs PostgreSQL's commands as the postgres user, who must be able
        // to run the wrappers and append to the log.
        const UnixFileMode Everyone = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        Directory.CreateDirectory(_folder, Everyone);
        _log = Path.Combine(_folder, "argv.log");
        File.WriteAllText(_log, "");
        File.SetUnixFileMode(_log, Everyone | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);

        var bin = RealBinFolder();
        foreach (var command in ServerCommands)
        {
            Wrap(command, Path.Combine(bin, command));
        }

        foreach (var command in SystemCommands)
        {
            Wrap(command, OnPath(command));
        }

        Write("pg_config", $"[ \"$1\" = --bindir ] && echo '{_folder}' && exit 0\nexec '{OnPath("pg_config")}' \"$@\"\n");
    }

    /// <summary>The environment to run the script with: the wrappers first on <c>PATH</c>.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["PATH"] = $"{_folder}:{System.Environment.GetEnvironmentVariable("PATH")}",
    };

    /// <summary>Every recorded argv so far, one command line each, arguments separated by spaces.</summary>
    public IReadOnlyList<string> Invocations => File.ReadAllLines(_log);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Wrap(string command, string real) =>
        Write(command, $"printf '%s ' \"$0\" \"$@\" >>'{_log}'\necho >>'{_log}'\nexec '{real}' \"$@\"\n");

    private void Write(string command, string body)
    {
        var path = Path.Combine(_folder, command);
        File.WriteAllText(path, "#!/bin/bash\n" + body);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    /// <summary>Where the script would find PostgreSQL's commands: pg_config's folder, else the newest installed.</summary>
    private static string RealBinFolder()
    {
        if (TryOnPath("pg_config") is { } pgConfig)
        {
            using var process = Process.Start(new ProcessStartInfo(pgConfig, "--bindir") { RedirectStandardOutput = true })!;
            var folder = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            if (File.Exists(Path.Combine(folder, "initdb")))
            {
                return folder;
            }
        }

        return Directory.GetDirectories("/usr/lib/postgresql")
            .Select(version => Path.Combine(version, "bin"))
            .Where(folder => File.Exists(Path.Combine(folder, "initdb")))
            .OrderBy(folder => Version.Parse(Path.GetFileName(Path.GetDirectoryName(folder)!) + ".0"))
            .Last();
    }

    private static string OnPath(string command) =>
        TryOnPath(command) ?? throw new InvalidOperationException($"{command} is not on PATH");

    private static string? TryOnPath(string command) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, command))
            .FirstOrDefault(File.Exists);
}
