using HoopOrleans.Storage.InMemory;
using HoopOrleans.Sessions;
using HoopOrleans.Grains.Tests.Sessions;

namespace HoopOrleans.Grains.Tests.Storage.InMemory;

/// <summary>
/// What only the in-memory store promises; the contract every store keeps is the conformance
/// suite's (Storage/Conformance).
/// </summary>
public sealed class InMemorySessionStoreTests
{
    private const string StateName = "session";
    private readonly InMemorySessionStore _store = new();

    [Fact]
    public async Task A_written_session_reads_back_as_the_very_record_written_not_a_copy()
    {
        var session = new SessionRecord
        {
            Id = ClusterFixture.NewId(),
            Request = Requests.Bash("echo hi"),
            Status = SessionStatus.Running,
            StartDate = new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero),
        };
        var written = new GrainState<SessionGrainState>(new SessionGrainState { Session = session });
        await _store.WriteStateAsync(StateName, GrainId.Create("session", session.Id), written);

        var read = new GrainState<SessionGrainState>(new SessionGrainState());
        await _store.ReadStateAsync(StateName, GrainId.Create("session", session.Id), read);

        Assert.Same(session, read.State!.Session);
        Assert.Equal(written.ETag, read.ETag);
    }
}
