using System.Diagnostics;
using System.Text.RegularExpressions;
using HoopOrleans.Deployment.Tests.Containers;

namespace HoopOrleans.Deployment.Tests.Cluster;

/// <summary>
/// What a container file's image holds, made without a container engine: the build stage's
/// <c>dotnet publish</c> of the same project in the same configuration, and the runtime stage's
/// entry point and environment.
/// </summary>
public sealed partial class PublishedImage
{
    private PublishedImage(DockerfileImage image, string folder, IReadOnlyList<string> entryPoint)
    {
        Image = image;
        Folder = folder;
        EntryPoint = entryPoint;
    }

    public DockerfileImage Image { get; }

    /// <summary>The publish output: the image's working directory.</summary>
    public string Folder { get; }

    /// <summary>The entry point without its init (tini): <c>dotnet X.dll</c>.</summary>
    public IReadOnlyList<string> EntryPoint { get; }

    /// <summary>Publishes what <paramref name="dockerfile"/>'s build stage publishes into <paramref name="folder"/>.</summary>
    public static async Task<PublishedImage> PublishAsync(string dockerfile, string folder)
    {
        var image = DockerfileImage.Load(dockerfile);
        var publish = Publish().Match(File.ReadAllText(dockerfile));
        if (!publish.Success)
        {
            throw new InvalidOperationException($"{dockerfile} has no 'dotnet publish <project> -c <configuration>' step");
        }

        // No restore: building this test project restored every project it references, the
        // published ones included, and a restore of its own costs each publish seconds.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot.Path };
        foreach (var argument in new[] { "publish", publish.Groups["project"].Value, "-c", publish.Groups["configuration"].Value, "-o", folder, "--no-restore", "-nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        using var dotnet = Process.Start(start)!;
        var output = dotnet.StandardOutput.ReadToEndAsync();
        var errors = dotnet.StandardError.ReadToEndAsync();
        await dotnet.WaitForExitAsync();
        if (dotnet.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {publish.Groups["project"].Value} failed: {await output}\n{await errors}");
        }

        var entryPoint = image.EntryPoint.SkipWhile(word => word != "dotnet").ToList();
        if (entryPoint.Count < 2 || !File.Exists(Path.Combine(folder, entryPoint[1])))
        {
            throw new InvalidOperationException($"{dockerfile}: the entry point [{string.Join(", ", image.EntryPoint)}] does not run a published assembly");
        }

        return new PublishedImage(image, folder, entryPoint);
    }

    [GeneratedRegex(@"dotnet publish (?<project>\S+) -c (?<configuration>\S+)")]
    private static partial Regex Publish();
}
