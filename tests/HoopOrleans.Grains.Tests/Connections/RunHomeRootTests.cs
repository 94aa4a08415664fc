using HoopOrleans.Connections;
using HoopOrleans.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Grains.Tests.Connections;

/// <summary>
/// Under a root service (these tests run as root), <c>Security:RunHomeRoot</c> must be root's and
/// writable by no one else, or the start stops naming the key; a link where a home goes is refused,
/// naming the key, and not followed.
/// </summary>
public sealed class RunHomeRootTests : IDisposable
{
    private const uint Uid = 2100097321;

    private readonly string _folder = Directory.CreateTempSubdirectory("hoop-home-root-").FullName;

    private string Root => Path.Combine(_folder, "home");

    [Fact]
    public async Task A_root_others_can_write_to_stops_the_start_naming_the_key()
    {
        Directory.CreateDirectory(Root);
        File.SetUnixFileMode(Root, (UnixFileMode)0x1ff /* 0777 */);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Security:RunHomeRoot"] = Root });
        builder.Services.AddValidatedOptions<RunSecurityOptions, RunSecurityOptionsValidator>(builder.Configuration.GetSection(RunSecurityOptions.Section));
        using var host = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal($"Security:RunHomeRoot: {Root} is writable by its group or others (mode 0777): they could plant links where homes go.", Assert.Single(refused.Failures));
    }

    [Fact]
    public void A_root_only_root_can_write_to_passes()
    {
        Directory.CreateDirectory(Root);
        File.SetUnixFileMode(Root, (UnixFileMode)0x1ed /* 0755 */);

        Assert.True(new RunSecurityOptionsValidator().Validate(null, new RunSecurityOptions { RunHomeRoot = Root }).Succeeded);
        Assert.True(new RunSecurityOptionsValidator().Validate(null, new RunSecurityOptions { RunHomeRoot = Path.Combine(_folder, "not-yet") }).Succeeded);
    }

    [Fact]
    public async Task A_link_where_a_connections_home_goes_is_refused_naming_the_key_and_its_target_is_untouched()
    {
        var victim = Directory.CreateDirectory(Path.Combine(_folder, "victim")).FullName;
        File.SetUnixFileMode(victim, (UnixFileMode)0x1ed /* 0755 */);
        Directory.CreateDirectory(Root);
        var planted = Path.Combine(Root, Uid.ToString());
        File.CreateSymbolicLink(planted, victim);
        var connections = new Dictionary<string, ConnectionOptions> { ["bash"] = new() { Command = ["bash", "-s"] } };
        var security = new RunSecurityOptions { RunUidRange = $"{Uid}-{Uid}", RunHomeRoot = Root };

        var refused = Assert.Throws<InvalidOperationException>(() => RunUsers.Resolve(connections, security, isRoot: true));

        Assert.Equal($"Security:RunHomeRoot: {planted} is not a directory but a symbolic link or another file: it is not followed; remove it.", refused.Message);
        Assert.Equal("0:0 755 directory", await FileStatus.DescribeAsync(victim));
        Assert.Equal(victim, new FileInfo(planted).LinkTarget);
    }

    [Fact]
    public async Task A_connection_without_a_user_gets_a_home_of_its_own_uid()
    {
        var connections = new Dictionary<string, ConnectionOptions> { ["bash"] = new() { Command = ["bash", "-s"] } };
        var security = new RunSecurityOptions { RunUidRange = $"{Uid}-{Uid}", RunHomeRoot = Root };

        var user = RunUsers.Resolve(connections, security, isRoot: true)["bash"];

        Assert.Equal(Path.Combine(Root, Uid.ToString()), user.Environment["HOME"]);
        Assert.Equal($"{Uid}:{Uid} 700 directory", await FileStatus.DescribeAsync(user.Environment["HOME"]));
        Assert.Equal("0:0 755 directory", await FileStatus.DescribeAsync(Root));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
