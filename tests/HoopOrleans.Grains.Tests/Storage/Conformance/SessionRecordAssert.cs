using System.Reflection;
using System.Text.Json;
using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Storage.Conformance;

/// <summary>
/// Compares a session read from a store with the one written, field for field, as the storage
/// contract keeps them: text, numbers and flags exactly; output and arguments by content; metadata,
/// labels and tags as JSON values (PostgreSQL keeps them as <c>jsonb</c>, which keeps the value,
/// not the spacing or the order of keys); dates as instants (PostgreSQL reads them back in UTC,
/// whatever offset they were written with). Records compared as wholes would compare the output
/// and the arguments by reference, so every field is named here.
/// </summary>
public static class SessionRecordAssert
{
    /// <summary>Every property the stored records have, each compared below; a new one fails <see cref="Equal"/> until it is.</summary>
    private static readonly (Type Record, string[] Compared)[] Compared =
    [
        (typeof(SessionRecord), ["Id", "Request", "Status", "ExitCode", "Output", "Truncated", "ExecutionTimeMs", "StartDate", "EndDate", "Silo", "FailureReason", "HasReview", "Review", "Profile"]),
        (typeof(SessionRequest), ["Connection", "Script", "ClientArgs", "MetadataJson", "LabelsJson", "User"]),
        (typeof(SessionReview), ["Status", "ReviewedBy", "ReviewDate", "RejectionReason"]),
        (typeof(ConnectionProfile), ["Type", "Subtype", "TagsJson"]),
    ];

    public static void Equal(SessionRecord expected, SessionRecord actual)
    {
        foreach (var (record, compared) in Compared)
        {
            var stored = record.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null).Select(p => p.Name);
            Assert.True(stored.Order().SequenceEqual(compared.Order()), $"{record.Name} has fields this comparison does not know: compare them too ({string.Join(", ", stored.Except(compared))})");
        }

        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Request.Connection, actual.Request.Connection);
        Assert.Equal(expected.Request.Script, actual.Request.Script);
        Assert.Equal(expected.Request.ClientArgs.ToArray(), actual.Request.ClientArgs.ToArray());
        Json(expected.Request.MetadataJson, actual.Request.MetadataJson, "metadata");
        Json(expected.Request.LabelsJson, actual.Request.LabelsJson, "labels");
        Assert.Equal(expected.Request.User, actual.Request.User);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.ExitCode, actual.ExitCode);
        Assert.Equal(expected.Output.Length, actual.Output.Length);
        Assert.True(expected.Output.AsSpan().SequenceEqual(actual.Output), "the output differs");
        Assert.Equal(expected.Truncated, actual.Truncated);
        Assert.Equal(expected.ExecutionTimeMs, actual.ExecutionTimeMs);
        Assert.Equal(expected.StartDate, actual.StartDate);
        Assert.Equal(expected.EndDate, actual.EndDate);
        Assert.Equal(expected.Silo, actual.Silo);
        Assert.Equal(expected.FailureReason, actual.FailureReason);
        Assert.Equal(expected.HasReview, actual.HasReview);
        Assert.Equal(expected.Review is null, actual.Review is null);
        if (expected.Review is { } review)
        {
            Assert.Equal(review.Status, actual.Review!.Status);
            Assert.Equal(review.ReviewedBy, actual.Review.ReviewedBy);
            Assert.Equal(review.ReviewDate, actual.Review.ReviewDate);
            Assert.Equal(review.RejectionReason, actual.Review.RejectionReason);
        }

        Assert.Equal(expected.Profile.Type, actual.Profile.Type);
        Assert.Equal(expected.Profile.Subtype, actual.Profile.Subtype);
        Json(expected.Profile.TagsJson, actual.Profile.TagsJson, "tags");
    }

    private static void Json(string expected, string actual, string what)
    {
        using var left = JsonDocument.Parse(expected);
        using var right = JsonDocument.Parse(actual);
        Assert.True(JsonElement.DeepEquals(left.RootElement, right.RootElement), $"the {what} differ as JSON: wrote {expected}, read {actual}");
    }
}
