namespace HoopOrleans.Api.Errors;

/// <summary>The body of every error answer: <c>{"message": …}</c>.</summary>
internal sealed record ErrorBody(string Message);
