using System.Diagnostics;

namespace HoopOrleans.Processes.Tests;

/// <summary>
/// A real user and a real group of this machine whose entries are larger than 16 KiB, made with
/// the system's own tools (useradd, groupadd, gpasswd) under names no other run uses, and removed
/// with them when disposed. Making accounts needs root: elsewhere this fails, saying so.
/// </summary>
public sealed class LargeAccount : IDisposable
{
    /// <summary>More than the 16 KiB the user database once read every entry with.</summary>
    public const int EntryBytes = 20 * 1024;

    public LargeAccount()
    {
        Assert.True(UserDatabase.IsRoot, "These tests make real accounts with useradd and groupadd, which needs root: run them as root.");
        var unique = Guid.NewGuid().ToString("N")[..8];
        UserName = $"hoopbig{unique}";
        GroupName = $"hoopgrp{unique}";

        // The GECOS field (useradd -c) takes as much text as the entry needs, where a name is at most
        // 32 bytes; no home and no group of its own, so the entry is all there is to remove.
        const string Sentence = "HoopOrleans test account with a large entry. ";
        var comment = string.Concat(Enumerable.Repeat(Sentence, EntryBytes / Sentence.Length + 1));
        Run("useradd", "-M", "-N", "-s", "/usr/sbin/nologin", "-c", comment, UserName);
        try
        {
            Run("groupadd", GroupName);
            // gpasswd takes a member as often as it is named: the one user, enough times.
            var members = string.Join(',', Enumerable.Repeat(UserName, EntryBytes / (UserName.Length + 1) + 1));
            Run("gpasswd", "-M", members, GroupName);
        }
        catch
        {
            // What failed here is the error to see, not what removing the rest may say.
            Remove();
            throw;
        }
    }

    /// <summary>The user's name: hoopbig and 8 hex digits.</summary>
    public string UserName { get; }

    /// <summary>The group's name: hoopgrp and the same 8 hex digits.</summary>
    public string GroupName { get; }

    /// <summary>The fields of an entry as <c>getent</c> reads it (getpwnam and getgrnam, which size their own buffers), or null when there is none.</summary>
    public static string[]? Getent(string database, string key)
    {
        var (exitCode, output, error) = Execute("getent", database, key);
        return exitCode switch
        {
            0 => output.TrimEnd('\n').Split(':'),
            2 => null,
            _ => throw new InvalidOperationException($"getent {database} {key} failed ({exitCode}): {error}"),
        };
    }

    /// <summary>Removes the group, then the user; fails when either is left behind.</summary>
    public void Dispose()
    {
        var failures = Remove();
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private List<string> Remove()
    {
        var failures = new List<string>();
        foreach (var (tool, name) in new[] { ("groupdel", GroupName), ("userdel", UserName) })
        {
            // Exit code 6: there is no such user or group (never made, or already gone).
            var (exitCode, _, error) = Execute(tool, name);
            if (exitCode is not 0 and not 6)
            {
                failures.Add($"{tool} {name} failed ({exitCode}): {error}");
            }
        }

        return failures;
    }

    private static void Run(string program, params string[] args)
    {
        var (exitCode, _, error) = Execute(program, args);
        Assert.True(exitCode == 0, $"{program} {args[^1]} failed ({exitCode}): {error}");
    }

    private static (int ExitCode, string Output, string Error) Execute(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
