using System.Text.Json;

namespace HoopOrleans.Deployment.Tests.Containers;

/// <summary>
/// The image a Dockerfile's last stage makes, as far as the tests need it: the environment it
/// sets, the ports it exposes, its user and its entry point.
/// </summary>
public sealed class DockerfileImage
{
    /// <summary>
    /// What <c>mcr.microsoft.com/dotnet/aspnet:10.0</c> (its runtime-deps layer) sets: the app's
    /// user id, the port ASP.NET Core listens on, and that it runs in a container.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> AspNetBaseEnvironment = new Dictionary<string, string>
    {
        ["APP_UID"] = "1654",
        ["ASPNETCORE_HTTP_PORTS"] = "8080",
        ["DOTNET_RUNNING_IN_CONTAINER"] = "true",
    };

    private DockerfileImage(string path, List<string> instructions)
    {
        Path = path;
        var runtime = instructions.FindLastIndex(line => Word(line) == "FROM");
        var stage = instructions.Skip(runtime).ToList();
        BaseImage = Arguments(stage[0]).Split(' ')[0];
        foreach (var line in stage)
        {
            var arguments = Arguments(line);
            switch (Word(line))
            {
                case "ENV":
                    foreach (var (name, value) in Assignments(arguments))
                    {
                        Environment[name] = value;
                    }

                    break;
                case "EXPOSE":
                    Exposed.AddRange(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(port => int.Parse(port.Split('/')[0])));
                    break;
                case "USER":
                    User = arguments;
                    break;
                case "WORKDIR":
                    WorkingDirectory = arguments;
                    break;
                case "ENTRYPOINT":
                    EntryPoint = JsonSerializer.Deserialize<string[]>(arguments) ?? [];
                    break;
            }
        }
    }

    public string Path { get; }

    /// <summary>The image the last stage starts from.</summary>
    public string BaseImage { get; }

    /// <summary>The variables the Dockerfile's last stage sets with ENV (not the base image's).</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public List<int> Exposed { get; } = [];

    public string? User { get; private set; }

    public string? WorkingDirectory { get; private set; }

    public IReadOnlyList<string> EntryPoint { get; private set; } = [];

    /// <summary>What a container of this image starts with: the base image's variables, then the Dockerfile's.</summary>
    public Dictionary<string, string> ContainerEnvironment()
    {
        if (!BaseImage.StartsWith("mcr.microsoft.com/dotnet/aspnet:", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{Path}: the tests know the environment of mcr.microsoft.com/dotnet/aspnet only, not of {BaseImage}");
        }

        var environment = new Dictionary<string, string>(AspNetBaseEnvironment, StringComparer.Ordinal);
        foreach (var (name, value) in Environment)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>Reads a Dockerfile: comments dropped, continued lines joined into one instruction each.</summary>
    public static DockerfileImage Load(string path)
    {
        var instructions = new List<string>();
        var current = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            instructions.Add((current + line).Trim());
            current = "";
        }

        return new DockerfileImage(path, instructions);
    }

    private static string Word(string instruction) => instruction.Split(' ', 2)[0].ToUpperInvariant();

    private static string Arguments(string instruction) => instruction.Split(' ', 2) is [_, var rest] ? rest.Trim() : "";

    /// <summary>ENV's <c>NAME=value NAME2=value2</c> form; values here need no quoting, and an empty one is allowed.</summary>
    private static IEnumerable<(string Name, string Value)> Assignments(string arguments)
    {
        foreach (var assignment in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = assignment.Split('=', 2);
            if (parts.Length != 2)
            {
                throw new InvalidDataException($"ENV {arguments}: only the NAME=value form is read here");
            }

            yield return (parts[0], parts[1].Trim('"'));
        }
    }
}
