namespace HoopOrleans.Api.Errors;

/// <summary>Why a request was refused before any grain was called: its 4xx status and the message of its <c>{"message"}</c> body.</summary>
internal sealed record Refusal(int Status, string Message)
{
    public static Refusal BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    public static Refusal Unprocessable(string message) => new(StatusCodes.Status422UnprocessableEntity, message);

    public static Refusal TooLarge(string message) => new(StatusCodes.Status413PayloadTooLarge, message);
}
