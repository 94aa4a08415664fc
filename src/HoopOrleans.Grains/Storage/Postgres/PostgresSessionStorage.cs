using HoopOrleans.Sessions;
using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;

namespace HoopOrleans.Storage.Postgres;

/// <summary>
/// Grain storage for session grains: one row per session in the <c>sessions</c> table, with the
/// row's <c>version</c> as the etag. The first write inserts the whole session; later writes
/// update only what can change, and only if nobody else wrote since this grain read. A write
/// returns once PostgreSQL has committed it.
/// </summary>
public sealed class PostgresSessionStorage(NpgsqlDataSource dataSource) : IGrainStorage
{
    private const string Columns = """
        version, connection, status, exit_code, "user", start_date, end_date, silo, script,
        client_args, metadata::text, labels::text, output, truncated, execution_time_ms, failure_reason, has_review,
        review_status, reviewed_by, review_date, rejection_reason, type, connection_subtype, connection_tags::text
        """;

    /// <summary>
    /// What a listing reads: everything but the script and the output, which list items leave out
    /// (a page of sessions with megabytes of output each would otherwise cost that much), then the
    /// id and the sizes of the script and the output.
    /// </summary>
    internal static readonly string ListColumns =
        Columns.Replace(" script,", " '' AS script,").Replace(" output,", " ''::bytea AS output,") + ", id, octet_length(script), octet_length(output)";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (NewSessionHint.IsMarked)
        {
            // A round trip that could only find nothing; the first write inserts, and would fail if a row were there.
            Empty(grainState, SessionGrainState.Of(grainState));
            return Task.CompletedTask;
        }

        return PostgresStoreCall.RunAsync(dataSource, () => ReadAsync(grainId, grainState));
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        PostgresStoreCall.RunAsync(dataSource, () => WriteAsync(grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        PostgresStoreCall.RunAsync(dataSource, () => ClearAsync(grainId, grainState));

    private async Task ReadAsync<T>(GrainId grainId, IGrainState<T> grainState)
    {
        var holder = SessionGrainState.Of(grainState);
        var id = SessionId(grainId);
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM sessions WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            Empty(grainState, holder);
            return;
        }

        holder.Session = ReadSession(reader, grainId.Key.ToString()!);
        grainState.ETag = reader.GetInt32(0).ToString();
        grainState.RecordExists = true;
    }

    private async Task WriteAsync<T>(GrainId grainId, IGrainState<T> grainState)
    {
        var session = SessionGrainState.Of(grainState).Session ?? throw new ArgumentException("A session grain writes only once it has a session.");
        var id = SessionId(grainId);
        var version = grainState.ETag is null ? 1 : int.Parse(grainState.ETag) + 1;
        await using var command = grainState.ETag is null ? Insert(id, session) : Update(id, session, version - 1);
        if (await command.ExecuteNonQueryAsync() != 1)
        {
            throw new InconsistentStateException($"Session {id} was written by someone else", grainState.ETag ?? "(none)", grainState.ETag);
        }

        grainState.ETag = version.ToString();
        grainState.RecordExists = true;
    }

    private async Task ClearAsync<T>(GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.ETag is { } etag)
        {
            await using var command = dataSource.CreateCommand("DELETE FROM sessions WHERE id = $1 AND version = $2");
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = SessionId(grainId) });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = int.Parse(etag) });
            if (await command.ExecuteNonQueryAsync() != 1)
            {
                throw new InconsistentStateException($"Session {grainId.Key} was written by someone else", etag, etag);
            }
        }
        else
        {
            // No etag says nothing is stored, as for a first write: a row that is there is not this
            // caller's to delete, and must not be reported as gone while it stays.
            await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT FROM sessions WHERE id = $1)");
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = SessionId(grainId) });
            if ((bool)(await command.ExecuteScalarAsync())!)
            {
                throw new InconsistentStateException($"Session {grainId.Key} was written by someone else", "(stored)", "(none)");
            }
        }

        Empty(grainState, SessionGrainState.Of(grainState));
    }

    private static void Empty<T>(IGrainState<T> grainState, SessionGrainState holder)
    {
        holder.Session = null;
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private NpgsqlCommand Insert(Guid id, SessionRecord session)
    {
        var command = dataSource.CreateCommand("""
            INSERT INTO sessions (id, version, connection, "user", start_date, script, client_args, metadata, labels,
                                  status, output_status, exit_code, end_date, silo, output, truncated, execution_time_ms, failure_reason, has_review,
                                  review_status, reviewed_by, review_date, rejection_reason, type, connection_subtype, connection_tags)
            VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
            ON CONFLICT (id) DO NOTHING
            """);
        var request = session.Request;
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        p.Add(new NpgsqlParameter<string> { TypedValue = request.Connection });
        p.Add(new NpgsqlParameter<string> { TypedValue = request.User });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = session.StartDate.ToUniversalTime() });
        p.Add(new NpgsqlParameter<string> { TypedValue = request.Script });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. request.ClientArgs] });
        p.Add(new NpgsqlParameter<string> { TypedValue = request.MetadataJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        p.Add(new NpgsqlParameter<string> { TypedValue = request.LabelsJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        AddChangingColumns(p, session);
        p.Add(new NpgsqlParameter<string> { TypedValue = session.Profile.Type });
        p.Add(new NpgsqlParameter<string> { TypedValue = session.Profile.Subtype });
        p.Add(new NpgsqlParameter<string> { TypedValue = session.Profile.TagsJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        return command;
    }

    private NpgsqlCommand Update(Guid id, SessionRecord session, int expectedVersion)
    {
        var command = dataSource.CreateCommand("""
            UPDATE sessions
            SET version = version + 1, status = $3, output_status = $4, exit_code = $5, end_date = $6, silo = $7,
                output = $8, truncated = $9, execution_time_ms = $10, failure_reason = $11, has_review = $12,
                review_status = $13, reviewed_by = $14, review_date = $15, rejection_reason = $16
            WHERE id = $1 AND version = $2
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        p.Add(new NpgsqlParameter<int> { TypedValue = expectedVersion });
        AddChangingColumns(p, session);
        return command;
    }

    /// <summary>
    /// The columns a session changes in its life, in this order: status, output_status, exit_code,
    /// end_date, silo, output, truncated, execution_time_ms, failure_reason, has_review, review_status,
    /// reviewed_by, review_date, rejection_reason.
    /// </summary>
    private static void AddChangingColumns(NpgsqlParameterCollection p, SessionRecord session)
    {
        p.Add(new NpgsqlParameter<string> { TypedValue = session.Status.WireName() });
        p.Add(new NpgsqlParameter<string> { TypedValue = session.OutputStatus });
        p.Add(Nullable(session.ExitCode, NpgsqlDbType.Integer));
        p.Add(Nullable(session.EndDate?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        p.Add(Nullable(session.Silo, NpgsqlDbType.Text));
        p.Add(new NpgsqlParameter<byte[]> { TypedValue = session.Output });
        p.Add(new NpgsqlParameter<bool> { TypedValue = session.Truncated });
        p.Add(new NpgsqlParameter<long> { TypedValue = session.ExecutionTimeMs });
        p.Add(Nullable(session.FailureReason, NpgsqlDbType.Text));
        p.Add(new NpgsqlParameter<bool> { TypedValue = session.HasReview });
        p.Add(Nullable(session.Review?.Status, NpgsqlDbType.Text));
        p.Add(Nullable(session.Review?.ReviewedBy, NpgsqlDbType.Text));
        p.Add(Nullable(session.Review?.ReviewDate?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        p.Add(Nullable(session.Review?.RejectionReason, NpgsqlDbType.Text));
    }

    // timestamptz takes only UTC offsets from Npgsql: dates are converted before they are bound.
    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    /// <summary>A row read with <see cref="ListColumns"/>.</summary>
    internal static ListedSession ReadListed(NpgsqlDataReader reader) =>
        new(ReadSession(reader, reader.GetGuid(24).ToString()), reader.GetInt32(25), reader.GetInt32(26));

    private static SessionRecord ReadSession(NpgsqlDataReader reader, string id) => new()
    {
        Id = id,
        Request = new SessionRequest(
            Connection: reader.GetString(1),
            Script: reader.GetString(8),
            ClientArgs: [.. reader.GetFieldValue<string[]>(9)],
            MetadataJson: reader.GetString(10),
            LabelsJson: reader.GetString(11),
            User: reader.GetString(4)),
        Status = ParseStatus(reader.GetString(2)),
        ExitCode = reader.IsDBNull(3) ? null : reader.GetInt32(3),
        StartDate = reader.GetFieldValue<DateTimeOffset>(5),
        EndDate = reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
        Silo = reader.IsDBNull(7) ? null : reader.GetString(7),
        Output = reader.GetFieldValue<byte[]>(12),
        Truncated = reader.GetBoolean(13),
        ExecutionTimeMs = reader.GetInt64(14),
        FailureReason = reader.IsDBNull(15) ? null : reader.GetString(15),
        HasReview = reader.GetBoolean(16),
        Review = reader.IsDBNull(17) ? null : new SessionReview
        {
            Status = reader.GetString(17),
            ReviewedBy = reader.IsDBNull(18) ? null : reader.GetString(18),
            ReviewDate = reader.IsDBNull(19) ? null : reader.GetFieldValue<DateTimeOffset>(19),
            RejectionReason = reader.IsDBNull(20) ? null : reader.GetString(20),
        },
        Profile = new ConnectionProfile(reader.GetString(21), reader.GetString(22), reader.GetString(23)),
    };

    private static SessionStatus ParseStatus(string status) => SessionStatusWire.Parse(status);

    private static Guid SessionId(GrainId grainId) => Guid.Parse(grainId.Key.AsSpan());

}
