using System.Globalization;

namespace HoopOrleans.Api.Sessions;

/// <summary>Reads the <c>?wait=&lt;seconds&gt;</c> override.</summary>
internal static class WaitQuery
{
    public const string Name = "wait";

    /// <summary>
    /// The wait the request asks for, clamped to <paramref name="max"/>, or <paramref name="fallback"/>
    /// when it asks nothing. Returns false when the value is not one non-negative decimal number of seconds.
    /// </summary>
    public static bool TryRead(IQueryCollection query, TimeSpan fallback, TimeSpan max, out TimeSpan wait)
    {
        wait = fallback < max ? fallback : max;
        if (!query.TryGetValue(Name, out var values))
        {
            return true;
        }

        if (values.Count != 1
            || !double.TryParse(values[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds))
        {
            return false;
        }

        wait = seconds >= max.TotalSeconds ? max : TimeSpan.FromSeconds(seconds);
        return true;
    }

    public const string Invalid = "wait must be a non-negative number of seconds";
}
