using System.Collections.Immutable;
using System.Text.Json;
using HoopOrleans.Api.Security;
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

    public static Result Parse(JsonElement root, string user) =>
        JsonInputRules.Violation(root) is { } violation
            ? Result.Fail(StatusCodes.Status400BadRequest, violation)
            : ParseObject(root, user);

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

                    if (CheckAttributeLimits("metadata", value) is { } metadataError)
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

                    if (CheckAttributeLimits("labels", value) is { } labelsError)
                    {
                        return labelsError;
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

            // JsonInputRules has refused NULs, which would silently cut a C string argument short.
            builder.Add(item.GetString()!);
        }

        args = builder.MoveToImmutable();
        return true;
    }

    /// <summary>metadata and labels: at most 20 keys (JsonInputRules has refused repeats), keys and values under 2,500 characters.</summary>
    private static Result? CheckAttributeLimits(string field, JsonElement value)
    {
        var keys = 0;
        foreach (var entry in value.EnumerateObject())
        {
            var length = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()!.Length : entry.Value.GetRawText().Length;
            if (entry.Name.Length >= MaxMetadataLength || length >= MaxMetadataLength)
            {
                return Result.Fail(StatusCodes.Status422UnprocessableEntity, $"{field} keys and values must be shorter than {MaxMetadataLength} characters");
            }

            keys++;
        }

        return keys > MaxMetadataKeys
            ? Result.Fail(StatusCodes.Status422UnprocessableEntity, $"{field} must have at most {MaxMetadataKeys} keys")
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
