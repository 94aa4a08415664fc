using System.Globalization;
using HoopOrleans.Api.Errors;

namespace HoopOrleans.Api.Sessions;

/// <summary>Reads the <c>?wait=&lt;seconds&gt;</c> override.</summary>
internal static class WaitQuery
{
    public const string Name = "wait";

    /// <summary>
    /// The wait the request asks for, clamped to <paramref name="max"/>, or <paramref name="fallback"/>
    /// when it asks nothing; a <c>400</c> when the value is not one non-negative decimal number of seconds.
    /// </summary>
    public static Parsed<TimeSpan> Read(IQueryCollection query, TimeSpan fallback, TimeSpan max)
    {
        if (!query.TryGetValue(Name, out var values))
        {
            return fallback < max ? fallback : max;
        }

        if (values.Count != 1
            || !double.TryParse(values[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds))
        {
            return Refusal.BadRequest(Invalid);
        }

        return seconds >= max.TotalSeconds ? max : TimeSpan.FromSeconds(seconds);
    }

    public const string Invalid = "wait must be a non-negative number of seconds";
}
