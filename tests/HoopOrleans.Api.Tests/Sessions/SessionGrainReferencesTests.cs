using System.Net;
using HoopOrleans.Api.Sessions;
using HoopOrleans.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace HoopOrleans.Api.Tests.Sessions;

/// <summary>
/// The front end's session grain references, made from the ids it kept after its first, are the
/// ones Orleans makes (same grain, same interface), and reach the same grain: a session run
/// through one reads back through the other.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SessionGrainReferencesTests(ApiFixture fixture)
{
    [Fact]
    public void Every_reference_is_the_one_Orleans_makes()
    {
        var references = fixture.Host.Services.GetRequiredService<SessionGrainReferences>();
        var grains = fixture.Host.Services.GetRequiredService<IGrainFactory>();

        // The first call may be the one that keeps the ids; the later ones are made from them.
        foreach (var id in new[] { SessionIds.New(), SessionIds.New(), SessionIds.New() })
        {
            var kept = references.Of(id);
            var orleans = grains.GetGrain<ISessionGrain>(id);

            Assert.Equal(orleans.GetGrainId(), kept.GetGrainId());
            Assert.Equal(((GrainReference)orleans).InterfaceType, ((GrainReference)kept).InterfaceType);
        }
    }

    [Fact]
    public async Task A_session_run_over_HTTP_reads_back_through_a_kept_reference()
    {
        var (status, created) = await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", script = "echo kept" });
        Assert.Equal(HttpStatusCode.OK, status);
        var id = created.GetProperty("session_id").GetString()!;
        var references = fixture.Host.Services.GetRequiredService<SessionGrainReferences>();

        references.Of(SessionIds.New());
        var session = await references.Of(id).Get(SessionActor.Service, TimeSpan.Zero);

        Assert.NotNull(session);
        Assert.Equal(id, session.Id);
        Assert.Equal("kept\n"u8.ToArray(), session.Output);
    }
}
