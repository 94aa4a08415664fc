namespace HoopOrleans.Testing;

/// <summary>Folders that both the tests (root) and the runs (users of their own) write to.</summary>
public static class SharedFolders
{
    /// <summary>A new temporary folder every user may write to, as /tmp itself.</summary>
    public static string Create(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0x3ff /* 1777 */);
        }

        return folder;
    }
}
