namespace HoopOrleans.Api.Tests.WebConsole;

/// <summary>
/// Writes the console's screenshots into the repository's docs/ for the README. A test takes its
/// picture when the page shows what it should and saves it only after its assertions pass, so a
/// failing run never replaces a good picture with a broken one.
/// </summary>
public static class Screenshots
{
    public static async Task SaveAsync(string name, byte[] png)
    {
        var docs = Path.Combine(RepositoryRoot(), "docs");
        Directory.CreateDirectory(docs);
        await File.WriteAllBytesAsync(Path.Combine(docs, name), png);
    }

    // The tests run from bin/; the root is the first folder above with the central package file.
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Directory.Packages.props")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no repository above {AppContext.BaseDirectory}");
    }
}
