using HoopOrleans.Hosting;

namespace HoopOrleans.Api.Hosting;

public static class EmbeddedSiloExtensions
{
    /// <summary>
    /// The embedded default: one silo in this process, clustered on localhost and storing in memory,
    /// so one <c>dotnet run</c> needs nothing else. The endpoints only use <see cref="IGrainFactory"/>,
    /// which an external cluster client provides just as well.
    /// </summary>
    public static WebApplicationBuilder AddEmbeddedSilo(this WebApplicationBuilder builder)
    {
        builder.UseOrleans(silo => silo.AddHoopSilo(builder.Configuration));
        return builder;
    }
}
