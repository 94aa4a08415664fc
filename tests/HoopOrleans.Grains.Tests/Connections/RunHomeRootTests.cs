using HoopOrleans.Connections;
using HoopOrleans.Hosting;
using Microsoft.Extensions.Configuration;
using HoopOrleans.Storage.InMemory;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
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
        using var accounts = Accounts(out var bash);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => accounts.ForAsync(bash, "anonymous"));

        Assert.Equal($"Security:RunHomeRoot: {planted} is not a directory but a symbolic link or another file: it is not followed; remove it.", refused.Message);
        Assert.Equal("0:0 755 directory", await FileStatus.DescribeAsync(victim));
        Assert.Equal(victim, new FileInfo(planted).LinkTarget);
    }

    [Fact]
    public async Task A_connection_without_a_user_gets_a_home_of_its_own_uid()
    {
        using var accounts = Accounts(out var bash);

        var user = await accounts.ForAsync(bash, "anonymous");

        var home = Path.Combine(Root, Uid.ToString());
        Assert.Contains($"HOME={home}", user.Environment);
        Assert.Equal(home, user.Sandbox.Identity!.WorkingDirectory);
        Assert.Equal($"{Uid}:{Uid} 700 directory", await FileStatus.DescribeAsync(home));
        Assert.Equal("0:0 755 directory", await FileStatus.DescribeAsync(Root));
    }

    /// <summary>Run accounts of a one-uid range homed under <see cref="Root"/>, for a <c>bash</c> connection without a User.</summary>
    private RunAccounts Accounts(out Connection bash)
    {
        var connections = new ConfiguredConnections(Options.Create(new Dictionary<string, ConnectionOptions> { ["bash"] = new() { Command = ["bash", "-s"] } }));
        Assert.True(connections.TryGet("bash", out bash!));
        var security = new RunSecurityOptions { RunUidRange = $"{Uid}-{Uid}", RunHomeRoot = Root };
        return new RunAccounts(connections, new HomeRootRunUids(Options.Create(security)), Options.Create(security), NullLogger<RunAccounts>.Instance);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
