namespace HoopOrleans.Api.Errors;

/// <summary>
/// What every reader of a request part (a body, a query, a header) answers: the value it read, or
/// the <see cref="Refusal"/> that refuses the request. A reader returns either, by conversion.
/// </summary>
/// <param name="Value">What was read; meaningless when <paramref name="Refusal"/> is set.</param>
/// <param name="Refusal">Why the request is refused; null when it was read.</param>
internal readonly record struct Parsed<T>(T Value, Refusal? Refusal)
{
    public static implicit operator Parsed<T>(T value) => new(value, null);

    public static implicit operator Parsed<T>(Refusal refusal) => new(default!, refusal);
}
