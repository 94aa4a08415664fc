namespace HoopOrleans.Deployment.Tests.Compose;

/// <summary>Compose's env files: <c>NAME=value</c> lines; blank lines and <c>#</c> comments are skipped.</summary>
public static class EnvFile
{
    public static IEnumerable<KeyValuePair<string, string>> Read(string path)
    {
        foreach (var line in File.ReadAllLines(path))
        {
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var equals = text.IndexOf('=');
            if (equals <= 0)
            {
                throw new InvalidDataException($"{path}: '{line}' is not NAME=value");
            }

            yield return new(text[..equals], text[(equals + 1)..]);
        }
    }
}
