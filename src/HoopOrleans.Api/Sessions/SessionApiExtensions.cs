using HoopOrleans.Hosting;
using HoopOrleans.Sessions;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Sessions;

internal static class SessionApiExtensions
{
    /// <summary>Binds and validates the front end's session options and applies the body limit to the server.</summary>
    public static WebApplicationBuilder AddSessionApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<HoopSessionOptions, HoopSessionOptionsValidator>(builder.Configuration.GetSection(HoopSessionOptions.Section));
        builder.Services.AddSingleton<StreamCounts>();
        builder.Services.AddSingleton<SessionGrainReferences>();
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<HoopSessionOptions>>((kestrel, sessions) => kestrel.Limits.MaxRequestBodySize = sessions.Value.MaxRequestBytes);
        return builder;
    }
}
