using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Sessions;

public static class Requests
{
    public static SessionRequest Bash(string script, params string[] args) =>
        new("bash", script, [.. args], "{}", "{}", "tests");

    /// <summary>A script that runs until <paramref name="flag"/> exists, then prints "released".</summary>
    public static SessionRequest UntilFileExists(string flag) =>
        Bash($"while [ ! -e '{flag}' ]; do sleep 0.02; done; echo released");

    public static string TempPath() => Path.Combine(Path.GetTempPath(), $"hoop-{Guid.NewGuid():N}");
}
