using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace HoopOrleans.Api.Tests.Hosting;

/// <summary>
/// Orleans' directory cache is bounded to 10,000 grains on every silo, the embedded one included
/// (Orleans' own default, a million, kept a stale entry for every finished session), and
/// <c>Orleans:Directory:CacheSize</c> sets another bound.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DirectoryCacheTests(ApiFixture fixture)
{
    [Fact]
    public void The_embedded_silo_remembers_at_most_ten_thousand_grains()
    {
        var options = fixture.Host.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value;

        Assert.Equal(10_000, options.CacheSize);
    }

    [Fact]
    public async Task Orleans_Directory_CacheSize_sets_the_bound()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { ["Orleans:Directory:CacheSize"] = "500" });

        var options = host.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value;

        Assert.Equal(500, options.CacheSize);
    }
}
