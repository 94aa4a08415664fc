using System.Collections.Immutable;
using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Storage.Conformance;

/// <summary>
/// Reads: what a new activation finds. Nothing for an id never written; otherwise every field as
/// written, with the etag the write set. Dates keep their instant to the microsecond: PostgreSQL's
/// <c>timestamptz</c> keeps no finer, and no store keeps the offset a date was written with.
/// </summary>
public abstract partial class SessionStoreConformance
{
    /// <summary>An instant with every digit down to the microsecond set, at an offset that is not UTC.</summary>
    private static readonly DateTimeOffset ToTheMicrosecond = new DateTimeOffset(2026, 11, 29, 6, 7, 8, 123, TimeSpan.FromHours(5.75)).AddTicks(4560);

    /// <summary>A finished session with every field set, and the text a store could get wrong: empty arguments, quotes, unicode, every byte value in the output.</summary>
    private static SessionRecord EveryFieldSet()
    {
        const string unicode = "é ☃ 𝄞 日本 مرحبا";
        var output = new byte[new HoopSessionOptions().MaxOutputBytes];
        new Random(29).NextBytes(output);
        for (var i = 0; i < 256; i++)
        {
            output[i] = (byte)i;
        }

        return new SessionRecord
        {
            Id = Guid.NewGuid().ToString(),
            Request = new SessionRequest(
                Connection: "psql-prod",
                Script: $"echo \"{unicode} $1\" 'it''s' `x` \\n\r\n\ttabbed\n",
                ClientArgs: ["", "a b", "", unicode, "--flag=\"quoted\"", "'", "\\"],
                MetadataJson: $$$"""{"ticket": "OPS-1", "n": [1, 2.5, null, true], "nested": {"text": "{{{unicode}}}", "empty": ""}}""",
                LabelsJson: """{"team": "sre", "empty": ""}""",
                User: "alice"),
            Status = SessionStatus.Done,
            ExitCode = ExitCodes.Lost,
            Output = output,
            Truncated = true,
            ExecutionTimeMs = 9_876_543_210,
            StartDate = ToTheMicrosecond,
            EndDate = ToTheMicrosecond.AddDays(1).AddTicks(10),
            Silo = "127.0.0.1:11111@123456",
            FailureReason = FailureReasons.TimedOut,
            HasReview = true,
            Review = new SessionReview
            {
                Status = SessionReview.Rejected,
                ReviewedBy = "rita",
                ReviewDate = ToTheMicrosecond.AddHours(1).ToOffset(TimeSpan.FromHours(-8)),
                RejectionReason = $"not on a Friday {unicode}",
            },
            Profile = new ConnectionProfile("database", "postgres", $$"""{"env": "prod", "ünï": "{{unicode}} \"q\""}"""),
        };
    }

    [Fact]
    public async Task An_unknown_id_reads_as_no_record()
    {
        var read = await store.ReadAsync(Guid.NewGuid().ToString());

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Null(read.State!.Session);
    }

    [Fact]
    public async Task A_session_with_every_field_set_reads_back_field_for_field_with_its_etag()
    {
        var session = EveryFieldSet();
        var written = await store.StoreAsync(session);

        var read = await store.ReadAsync(session.Id);

        Assert.True(read.RecordExists);
        Assert.NotNull(read.ETag);
        Assert.Equal(written.ETag, read.ETag);
        SessionRecordAssert.Equal(session, read.State!.Session!);
    }

    [Fact]
    public async Task A_session_with_only_its_required_fields_reads_back_with_its_nulls_empties_and_the_custom_profile()
    {
        var bare = new SessionRecord
        {
            Id = Guid.NewGuid().ToString(),
            Request = new SessionRequest("bash", "", ImmutableArray<string>.Empty, "{}", "{}", "tests"),
            Status = SessionStatus.Running,
            StartDate = Day,
        };
        var pending = Running() with { Status = SessionStatus.Open, HasReview = true, Review = new SessionReview { Status = SessionReview.Pending } };
        await store.StoreAsync(bare);
        await store.StoreAsync(pending);

        SessionRecordAssert.Equal(bare, (await store.ReadAsync(bare.Id)).State!.Session!);
        SessionRecordAssert.Equal(pending, (await store.ReadAsync(pending.Id)).State!.Session!);
        Assert.Equal(ConnectionProfile.Custom, (await store.ReadAsync(bare.Id)).State!.Session!.Profile);
    }

    [Fact]
    public async Task A_session_reads_back_as_last_written_through_its_life()
    {
        var final = EveryFieldSet();
        var waiting = final with
        {
            Status = SessionStatus.Open,
            ExitCode = null,
            Output = [],
            Truncated = false,
            ExecutionTimeMs = 0,
            EndDate = null,
            Silo = null,
            FailureReason = null,
            Review = new SessionReview { Status = SessionReview.Pending },
        };
        var state = await store.StoreAsync(waiting);
        var asWritten = new List<(SessionRecord Written, SessionRecord Read)> { (waiting, (await store.ReadAsync(waiting.Id)).State!.Session!) };

        // Each step changes what a grain changes as the session goes on; the request, start and profile stay as first written.
        var approved = final.Review! with { Status = SessionReview.Approved, RejectionReason = null };
        foreach (var next in new[]
        {
            waiting with { Status = SessionStatus.Ready, Review = approved },
            waiting with { Status = SessionStatus.Running, Silo = final.Silo, Review = approved },
            final,
        })
        {
            state.State!.Session = next;
            await store.WriteAsync(state);
            asWritten.Add((next, (await store.ReadAsync(next.Id)).State!.Session!));
        }

        Assert.All(asWritten, pair => SessionRecordAssert.Equal(pair.Written, pair.Read));
    }

    [Fact]
    public async Task Every_status_reads_back_as_written()
    {
        foreach (var status in Enum.GetValues<SessionStatus>())
        {
            var session = Running() with { Status = status };
            await store.StoreAsync(session);

            Assert.Equal(status, (await store.ReadAsync(session.Id)).State!.Session!.Status);
        }
    }

    [Fact]
    public async Task Dates_keep_their_instant_to_the_microsecond_whatever_offset_they_were_written_with()
    {
        DateTimeOffset[] offsets = [ToTheMicrosecond, ToTheMicrosecond.ToOffset(TimeSpan.FromHours(-8)), ToTheMicrosecond.ToUniversalTime(), ToTheMicrosecond.ToOffset(TimeSpan.FromHours(14))];
        foreach (var date in offsets)
        {
            var session = Finished(Running(date), date.AddTicks(-10)) with
            {
                HasReview = true,
                Review = new SessionReview { Status = SessionReview.Approved, ReviewedBy = "rita", ReviewDate = date.AddTicks(10) },
            };
            await store.StoreAsync(session);

            var read = (await store.ReadAsync(session.Id)).State!.Session!;

            Assert.Equal((date.UtcTicks, date.UtcTicks - 10, date.UtcTicks + 10), (read.StartDate.UtcTicks, read.EndDate!.Value.UtcTicks, read.Review!.ReviewDate!.Value.UtcTicks));
        }

        // Finer than a microsecond is not kept by every store (PostgreSQL drops it): what is read is that instant to within one.
        var finer = Running(ToTheMicrosecond.AddTicks(7));
        await store.StoreAsync(finer);
        var kept = (await store.ReadAsync(finer.Id)).State!.Session!.StartDate;
        Assert.InRange(kept.UtcTicks, finer.StartDate.UtcTicks - 9, finer.StartDate.UtcTicks + 9);
    }
}
