namespace HoopOrleans.Testing.Browser;

/// <summary>
/// The console's pictures for the README, taken by the tests' browser. A test takes its picture
/// when the page shows what it should and saves it only after its assertions pass, so a failing run
/// never keeps a broken picture. They go to docs/ only when <c>HOOP_UPDATE_SCREENSHOTS=1</c> (a
/// developer refreshing the README); otherwise beside the test's build, so a test run leaves the
/// repository's files as they were.
/// </summary>
public static class Screenshots
{
    public static async Task SaveAsync(string name, byte[] png)
    {
        var folder = Environment.GetEnvironmentVariable("HOOP_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryRoot.Path, "docs")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, name), png);
    }
}
