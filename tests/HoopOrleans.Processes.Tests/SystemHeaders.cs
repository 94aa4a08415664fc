using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace HoopOrleans.Processes.Tests;

/// <summary>
/// Evaluates C expressions (sizeof, offsetof, macros) against this machine's own system headers:
/// it compiles a small program with <c>cc</c>, the compiler the build already needs for the spawner,
/// and reads what the program prints.
/// </summary>
internal static class SystemHeaders
{
    private static readonly string[] Includes =
    [
        "stddef.h", "errno.h", "fcntl.h", "signal.h", "spawn.h", "unistd.h", "pwd.h", "grp.h",
        "sys/epoll.h", "sys/eventfd.h", "sys/prctl.h", "sys/socket.h", "sys/stat.h", "sys/uio.h", "netinet/in.h", "netinet/tcp.h",
        "linux/netlink.h", "linux/sock_diag.h", "linux/inet_diag.h",
    ];

    /// <summary>The value of each expression, in order.</summary>
    public static async Task<IReadOnlyList<long>> EvaluateAsync(IReadOnlyList<string> expressions)
    {
        var source = new StringBuilder("#define _GNU_SOURCE\n");
        foreach (var header in Includes)
        {
            source.Append("#include <").Append(header).Append(">\n");
        }

        source.Append("#include <stdio.h>\n\nint main(void)\n{\n");
        foreach (var expression in expressions)
        {
            source.Append("    printf(\"%lld\\n\", (long long)(").Append(expression).Append("));\n");
        }

        source.Append("    return 0;\n}\n");

        var folder = Directory.CreateTempSubdirectory("hoop-layout-").FullName;
        try
        {
            var program = Path.Combine(folder, "layout");
            await File.WriteAllTextAsync(program + ".c", source.ToString());
            await RunAsync("cc", ["-Wall", "-Werror", "-o", program, program + ".c"]);
            var printed = (await RunAsync(program, [])).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(expressions.Count, printed.Length);
            return [.. printed.Select(line => long.Parse(line, CultureInfo.InvariantCulture))];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> RunAsync(string program, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed ({process.ExitCode}): {await stderr}");
        return await stdout;
    }
}
