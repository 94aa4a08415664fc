using HoopOrleans.Connections;
using HoopOrleans.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Grains.Tests.Connections;

/// <summary>
/// Under a root service (these tests run as root), a <c>Security:RunUidRange</c> that shares an id
/// with a range of the subordinate id files stops the start naming the key. The files are
/// temporary ones, named by <c>Security:SubordinateIdFiles</c> as an operator's would be.
/// </summary>
public sealed class SubordinateIdRangeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hoop-subids-").FullName;

    private string SubUid => Path.Combine(_folder, "subuid");

    private string SubGid => Path.Combine(_folder, "subgid");

    [Fact]
    public async Task A_range_overlapping_a_subordinate_uid_range_stops_the_start_naming_the_key_the_file_and_its_owner()
    {
        File.WriteAllLines(SubUid, ["alice:100000:65536", "builder:2100050000:65536"]);
        File.WriteAllLines(SubGid, ["alice:100000:65536"]);

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync("2100000000-2100099999"));

        Assert.Equal(
            $"Security:RunUidRange 2100000000-2100099999 overlaps the subordinate ids 2100050000-2100115535 of 'builder' in {SubUid}: choose a range outside every subordinate range.",
            Assert.Single(refused.Failures));
    }

    [Fact]
    public async Task A_range_overlapping_a_subordinate_gid_range_stops_the_start_too()
    {
        File.WriteAllLines(SubGid, ["alice:2100000000:1"]);

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync("2100000000-2100099999"));

        Assert.Equal(
            $"Security:RunUidRange 2100000000-2100099999 overlaps the subordinate ids 2100000000-2100000000 of 'alice' in {SubGid}: choose a range outside every subordinate range.",
            Assert.Single(refused.Failures));
    }

    [Fact]
    public async Task A_range_beside_every_subordinate_range_starts_and_missing_files_have_none()
    {
        File.WriteAllLines(SubUid, ["alice:100000:65536", "builder:2100100000:65536"]);

        await (await StartAsync("2100000000-2100099999")).StopAsync();
        File.Delete(SubUid);
        await (await StartAsync("100000-165535")).StopAsync();
    }

    [Fact]
    public async Task An_unreadable_line_stops_the_start_rather_than_hiding_a_range()
    {
        File.WriteAllLines(SubUid, ["alice 100000 65536"]);

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync("2100000000-2100099999"));

        Assert.Equal(
            $"Security:RunUidRange cannot be checked against {SubUid} (Security:SubordinateIdFiles): {SubUid} line 1 is not 'owner:first:count'.",
            Assert.Single(refused.Failures));
    }

    [Fact]
    public void The_files_must_be_named_by_absolute_paths()
    {
        var result = new RunSecurityOptionsValidator().Validate(null, new RunSecurityOptions { SubordinateIdFiles = "/etc/subuid, subgid" });

        Assert.Equal("Security:SubordinateIdFiles must list absolute paths, not 'subgid'.", Assert.Single(result.Failures!));
    }

    /// <summary>A host that validates the Security section at start, as a silo does.</summary>
    private async Task<IHost> StartAsync(string range)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Security:RunUidRange"] = range,
            ["Security:SubordinateIdFiles"] = $"{SubUid},{SubGid}",
            ["Security:RunHomeRoot"] = Path.Combine(_folder, "home"),
        });
        builder.Services.AddValidatedOptions<RunSecurityOptions, RunSecurityOptionsValidator>(builder.Configuration.GetSection(RunSecurityOptions.Section));
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
