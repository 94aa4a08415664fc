using Microsoft.Extensions.Logging;

namespace HoopOrleans.Operations.Logging;

/// <summary>Kestrel's logger without its "Overriding address(es)" warning (see <see cref="MovedAddressesLoggerFactory"/>); everything else passes.</summary>
internal sealed class MovedAddressesLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel == LogLevel.Warning && eventId.Id == 0 && IsOverridingAddresses(state))
        {
            return;
        }

        inner.Log(logLevel, eventId, state, exception, formatter);
    }

    /// <summary>Kestrel's message template, read from the structured state rather than the formatted text.</summary>
    private static bool IsOverridingAddresses<TState>(TState state) =>
        state is IReadOnlyList<KeyValuePair<string, object?>> fields
        && fields.Any(field => field.Key == "{OriginalFormat}" && field.Value is string format && format.StartsWith("Overriding address(es)", StringComparison.Ordinal));
}
