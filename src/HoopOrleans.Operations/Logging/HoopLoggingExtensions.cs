using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace HoopOrleans.Operations.Logging;

/// <summary>
/// What a node's log says at a normal start: nothing at warning level, unless secrets were given
/// on the command line, which it says once. The console's format is the host's
/// (<c>Logging:Console:FormatterName</c>: <c>simple</c> as shipped, <c>json</c> for one JSON object
/// a line, <c>systemd</c>), with <c>Logging:Console:FormatterOptions</c> for any of them.
/// </summary>
public static class HoopLoggingExtensions
{
    public static IHostApplicationBuilder AddHoopLogging(this IHostApplicationBuilder builder)
    {
        // Orleans' watchdog is internal; its logger is replaced by type, and left alone if the type is gone.
        if (typeof(Orleans.Runtime.Silo).Assembly.GetType("Orleans.Runtime.Watchdog") is { } watchdog)
        {
            builder.Services.AddSingleton(typeof(ILogger<>).MakeGenericType(watchdog), typeof(WatchdogStartFilter<>).MakeGenericType(watchdog));
        }

        // Read now, from the sources the builder was given: the command line is the first one added.
        var secrets = CommandLineSecrets.Find(builder.Configuration);
        if (secrets.Count > 0)
        {
            builder.Services.AddHostedService(services => new CommandLineSecretsWarning(secrets, services.GetRequiredService<ILogger<CommandLineSecretsWarning>>()));
        }

        // The shipped timestamp format ends with the space that separates it from the level in the
        // simple layout; a JSON value needs none.
        builder.Services.PostConfigure<JsonConsoleFormatterOptions>(json => json.TimestampFormat = json.TimestampFormat?.TrimEnd());
        return builder;
    }
}
