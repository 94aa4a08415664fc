using HoopOrleans.Sessions;

namespace HoopOrleans.Storage.InMemory;

/// <summary>
/// What one stored session costs the embedded store, in bytes of managed memory: every string and
/// array its record holds, as the 64-bit runtime lays them out, plus a fixed overhead for the
/// objects every record has whatever it holds. <c>Retention:MaxStoredBytes</c> caps the sum.
/// It is an estimate that errs high: strings two records share (a connection name, a constant
/// failure reason) are counted in each, since a cap that undercounts would let memory run past it.
/// </summary>
internal static class SessionRecordSize
{
    /// <summary>
    /// The objects around every record, on 64-bit .NET: the <see cref="SessionRecord"/> (16-byte
    /// header, seven references and its status, exit code, flags, execution time and two dates:
    /// 136; its connection profile is the connection's own, shared), its <see cref="SessionRequest"/> (header and six fields: 64), the store's dictionary
    /// entry (hash, next, key, and a value of record, version and size: 44 with its bucket, doubled
    /// for the free slots a growing table keeps: 88) and one node in each of the store's two sorted
    /// indexes (header, a date and an id, two children and a colour: 64 each). That is 416; the
    /// rest up to 512 covers what this leaves out, such as the allocator's alignment between objects.
    /// </summary>
    public const long PerRecordOverhead = 512;

    /// <summary>Array header: the object header and method table (16) and the length, padded (8).</summary>
    private const long ArrayHeader = 24;

    /// <summary>The estimated size of <paramref name="session"/> as the store keeps it.</summary>
    public static long Of(SessionRecord session)
    {
        var request = session.Request;
        var size = PerRecordOverhead
            + Text(session.Id)
            + Text(request.Connection)
            + Text(request.Script)
            + Text(request.MetadataJson)
            + Text(request.LabelsJson)
            + Text(request.User)
            + Text(session.Silo)
            + Text(session.FailureReason)
            + Align(ArrayHeader + session.Output.LongLength)
            + ArrayHeader + 8L * request.ClientArgs.Length;
        foreach (var argument in request.ClientArgs)
        {
            size += Text(argument);
        }

        if (session.Review is { } review)
        {
            // Header, three references and a nullable date, then its strings.
            size += 64 + Text(review.Status) + Text(review.ReviewedBy) + Text(review.RejectionReason);
        }

        return size;
    }

    /// <summary>A string: header and method table (16), length (4), UTF-16 characters and a terminating NUL, padded to 8.</summary>
    private static long Text(string? text) => text is null ? 0 : Align(22 + 2L * text.Length);

    private static long Align(long bytes) => (bytes + 7) & ~7L;
}
