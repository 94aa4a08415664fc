using Microsoft.Extensions.Logging;

namespace HoopOrleans.Operations.Logging;

/// <summary>
/// The node's logger factory, less one false warning. When a side listener is configured
/// (<see cref="Management.SideListeners"/>), the node's own addresses are written into Kestrel's
/// endpoint configuration beside it, and Kestrel binds them from there; but addresses given at
/// start (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>) stay in the host's
/// settings, and Kestrel warns at every start that it is "overriding" them, with the very
/// addresses it then binds. Only that warning of Kestrel's is dropped (<see cref="MovedAddressesLogger"/>).
/// </summary>
internal sealed class MovedAddressesLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    /// <summary>The category Kestrel's address binding logs under.</summary>
    public const string KestrelCategory = "Microsoft.AspNetCore.Server.Kestrel";

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName == KestrelCategory ? new MovedAddressesLogger(logger) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
