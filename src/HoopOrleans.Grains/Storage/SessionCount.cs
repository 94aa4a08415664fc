namespace HoopOrleans.Storage;

/// <summary>How a listing counts the sessions that match (hoop.dev's <c>count</c>).</summary>
public enum SessionCount
{
    /// <summary>Counts up to <see cref="SessionQuery.CountCap"/>; past it the total is the cap, marked as capped.</summary>
    Capped,

    /// <summary>Counts every matching session, however many.</summary>
    Exact,

    /// <summary>Does not count: the total is unknown.</summary>
    None,
}
