using System.Collections.Immutable;
using System.Text.Json;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Sessions;

/// <summary>Turns the JSON body of <c>POST /api/sessions</c> into a <see cref="SessionRequest"/>, or says what is wrong with it.</summary>
public static class SessionRequestParser
{
    public const int MaxMetadataKeys = 20;

    private const string EmptyObject = "{}";

    /// <summary>Metadata keys and values must be shorter than this.</summary>
    public const int MaxMetadataLength = 2500;

    /// <summary>The outcome of parsing: a request, or a status code and message.</summary>
    public readonly record struct Result(SessionRequest? Request, int Status, string? Error)
    {
        public static Result Fail(int status, string message) => new(null, status, message);
    }

    public static Result Parse(JsonElement root, string user)
    {
        try
        {
            return ParseObject(root, user);
        }
        catch (InvalidOperationException)
        {
            // The document is well-formed, but a string in it is not valid UTF-8 or UTF-16.
            return Result.Fail(StatusCodes.Status400BadRequest, "request body is not valid JSON");
        }
    }

    private static Result ParseObject(JsonElement root, string user)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Result.Fail(StatusCodes.Status400BadRequest, "request body must be a JSON object");
        }

        string? connection = null;
        var script = string.Empty;
        var clientArgs = ImmutableArray<string>.Empty;
        var metadata = EmptyObject;
        var labels = EmptyObject;

        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            switch (property.Name)
            {
                case "connection":
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        return WrongType("connection", "a string");
                    }

                    connection = value.GetString();
                    break;
                case "script":
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        return WrongType("script", "a string");
                    }

                    script = value.GetString()!;
                    break;
                case "client_args":
                    if (!TryReadArgs(value, out clientArgs, out var argsError))
                    {
                        return Result.Fail(StatusCodes.Status400BadRequest, argsError);
                    }

                    break;
                case "metadata":
                    if (value.ValueKind != JsonValueKind.Object)
                    {
                        return WrongType("metadata", "an object");
                    }

                    if (CheckMetadata(value) is { } metadataError)
                    {
                        return metadataError;
                    }

                    metadata = value.GetRawText();
                    break;
                case "labels":
                    if (!IsObjectOfStrings(value))
                    {
                        return WrongType("labels", "an object of strings");
                    }

                    labels = value.GetRawText();
                    break;
            }
        }

        if (string.IsNullOrEmpty(connection))
        {
            return Result.Fail(StatusCodes.Status400BadRequest, "connection not found");
        }

        return new Result(new SessionRequest(connection, script, clientArgs, metadata, labels, user), StatusCodes.Status200OK, null);
    }

    private static Result WrongType(string field, string expected) =>
        Result.Fail(StatusCodes.Status400BadRequest, $"{field} must be {expected}");

    private static bool TryReadArgs(JsonElement value, out ImmutableArray<string> args, out string error)
    {
        args = [];
        error = "client_args must be an array of strings";
        if (value.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var builder = ImmutableArray.CreateBuilder<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            var arg = item.GetString()!;
            if (arg.Contains('\0'))
            {
                // argv entries are C strings: a NUL would silently cut the argument short.
                error = "client_args must not contain NUL characters";
                return false;
            }

            builder.Add(arg);
        }

        args = builder.MoveToImmutable();
        return true;
    }

    private static Result? CheckMetadata(JsonElement value)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in value.EnumerateObject())
        {
            var length = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()!.Length : entry.Value.GetRawText().Length;
            if (entry.Name.Length >= MaxMetadataLength || length >= MaxMetadataLength)
            {
                return Result.Fail(StatusCodes.Status422UnprocessableEntity, $"metadata keys and values must be shorter than {MaxMetadataLength} characters");
            }

            keys.Add(entry.Name);
        }

        return keys.Count > MaxMetadataKeys
            ? Result.Fail(StatusCodes.Status422UnprocessableEntity, $"metadata must have at most {MaxMetadataKeys} keys")
            : null;
    }

    private static bool IsObjectOfStrings(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                return false;
            }
        }

        return true;
    }
}
