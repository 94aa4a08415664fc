using System.Text;

namespace HoopOrleans.Operations.Logging;

/// <summary>
/// An exception as a log line may show it: its own text, and that of every exception inside it,
/// with each message escaped (<see cref="LogText"/>). Messages repeat what the code was given, and
/// a request's path is the client's: Orleans' dashboard, handed a silo address of <c>x%0Ay</c>,
/// fails with "Invalid string SiloAddress: x", a newline and "y". Loggers write an exception's
/// <see cref="ToString"/>, so that is where the escaping must be; stack traces name methods and
/// files only, and are kept whole.
/// </summary>
public sealed class EscapedException : Exception
{
    private readonly string _text;
    private readonly string? _stackTrace;

    private EscapedException(Exception original)
        : base(LogText.Escape(original.Message))
    {
        _text = Describe(original);
        _stackTrace = original.StackTrace;
        HResult = original.HResult;
    }

    /// <summary><paramref name="exception"/> with its messages escaped for a log.</summary>
    public static EscapedException Of(Exception exception) => exception as EscapedException ?? new EscapedException(exception);

    public override string? StackTrace => _stackTrace;

    public override string ToString() => _text;

    // The layout of Exception.ToString, with messages escaped.
    private static string Describe(Exception exception)
    {
        var text = new StringBuilder(exception.GetType().FullName);
        if (exception.Message.Length > 0)
        {
            text.Append(": ").Append(LogText.Escape(exception.Message));
        }

        IEnumerable<Exception> inner = exception is AggregateException aggregate ? aggregate.InnerExceptions : exception.InnerException is { } one ? [one] : [];
        foreach (var cause in inner)
        {
            text.AppendLine().Append(" ---> ").Append(Describe(cause)).AppendLine().Append("   --- End of inner exception stack trace ---");
        }

        if (exception.StackTrace is { } stackTrace)
        {
            text.AppendLine().Append(stackTrace);
        }

        return text.ToString();
    }
}
