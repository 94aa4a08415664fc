namespace HoopOrleans.Testing;

/// <summary>The repository the tests run from, found by walking up to <c>HoopOrleans.sln</c>.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "HoopOrleans.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("HoopOrleans.sln not found above " + AppContext.BaseDirectory);
    }
}
