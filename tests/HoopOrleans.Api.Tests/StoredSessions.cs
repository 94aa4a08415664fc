using HoopOrleans.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace HoopOrleans.Api.Tests;

/// <summary>
/// Puts a session into an embedded host's store as its grain would have written it earlier: a
/// session requested before its key's scope changed, or one that has waited for its review for days.
/// Neither can be made through the API within a test.
/// </summary>
public static class StoredSessions
{
    /// <summary>Writes <paramref name="session"/> as the first write of its grain, whose activation then reads it.</summary>
    public static Task StoreAsync(ApiHost host, SessionRecord session) =>
        host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Sessions).WriteStateAsync(
            "session", GrainId.Create("session", session.Id), new GrainState<SessionGrainState>(new SessionGrainState { Session = session }));

    /// <summary>A session of <paramref name="user"/>'s on <paramref name="connection"/>, waiting for its review since <paramref name="since"/>.</summary>
    public static SessionRecord Waiting(string user, string connection, string script, DateTimeOffset since) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Request = new SessionRequest(connection, script, [], "{}", "{}", user),
        Status = SessionStatus.Open,
        StartDate = since,
        HasReview = true,
        Review = new SessionReview { Status = SessionReview.Pending },
    };
}
