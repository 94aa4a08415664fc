using HoopOrleans.Grains.Tests.Sessions;
using HoopOrleans.Sessions;
using HoopOrleans.Storage;

namespace HoopOrleans.Grains.Tests.Storage.Conformance;

/// <summary>
/// Visibility is one rule: a listing scoped to an actor (<see cref="SessionScope.Of"/>) shows exactly
/// the sessions the grain lets that actor see (<see cref="SessionTransitions.MaySee"/>). The
/// in-memory store applies the rule itself; PostgreSQL applies a condition built from the scope, and
/// this case holds that condition to the rule for every kind of actor and session.
/// </summary>
public abstract partial class SessionStoreConformance
{
    /// <summary>
    /// The actors, as the front end makes them from a key's roles, and how many of
    /// <see cref="VisibilitySessions"/> the rule lets each see: the matrix tells the rule's cases
    /// apart (everything, nothing, one's own only, one's own and every session with a review).
    /// </summary>
    private static readonly (string Name, SessionActor Actor, int Sees)[] VisibilityActors =
    [
        ("admin", new SessionActor("admin", IsAdmin: true, SeesAll: true), 48),
        ("auditor", new SessionActor("auditor", IsAdmin: false, SeesAll: true), 48),
        ("the service", SessionActor.Service, 48),
        ("keyless anonymous, every role, reviews its own", new SessionActor("anonymous", IsAdmin: true, SeesAll: true, IsReviewer: true, ReviewsOwn: true), 48),
        ("reviewer with sessions of its own", new SessionActor("rita", IsAdmin: false, IsReviewer: true), 28),
        ("reviewer without sessions", new SessionActor("reviewer", IsAdmin: false, IsReviewer: true), 24),
        ("alice", new SessionActor("alice", IsAdmin: false), 8),
        ("bob", new SessionActor("bob", IsAdmin: false), 8),
        ("stranger", new SessionActor("stranger", IsAdmin: false), 0),
    ];

    /// <summary>
    /// For each owner, a session in every status with a review and one without: 48, one a minute.
    /// "Alice" and "alice " are other users than "alice": the owner matches exactly, unlike the user filter.
    /// </summary>
    private static SessionRecord[] VisibilitySessions()
    {
        string[] owners = ["alice", "bob", "rita", "anonymous", "Alice", "alice "];
        var sessions = new List<SessionRecord>();
        foreach (var owner in owners)
        {
            foreach (var status in Enum.GetValues<SessionStatus>())
            {
                foreach (var reviewed in new[] { false, true })
                {
                    var review = status switch
                    {
                        SessionStatus.Open => new SessionReview { Status = SessionReview.Pending },
                        SessionStatus.Done => new SessionReview { Status = SessionReview.Rejected, ReviewedBy = "rita", ReviewDate = Day, RejectionReason = "no" },
                        _ => new SessionReview { Status = SessionReview.Approved, ReviewedBy = "rita", ReviewDate = Day },
                    };
                    sessions.Add(Running(Day.AddMinutes(sessions.Count)) with
                    {
                        Request = Requests.Bash($"echo {sessions.Count}") with { User = owner },
                        Status = status,
                        ExitCode = status == SessionStatus.Done ? 1 : null,
                        EndDate = status == SessionStatus.Done ? Day.AddMinutes(sessions.Count) : null,
                        HasReview = reviewed,
                        Review = reviewed ? review : null,
                    });
                }
            }
        }

        return [.. sessions];
    }

    [Fact]
    public async Task Every_actor_lists_exactly_the_sessions_the_grain_lets_it_see()
    {
        var sessions = VisibilitySessions();
        foreach (var session in sessions)
        {
            await store.StoreAsync(session);
        }

        var wrong = new List<string>();
        foreach (var (name, actor, sees) in VisibilityActors)
        {
            var visible = sessions.Where(session => SessionTransitions.MaySee(session, actor)).OrderByDescending(session => session.StartDate).ToArray();
            Assert.True(visible.Length == sees, $"{name}: the rule lets it see {visible.Length} sessions, the matrix expects {sees}");

            var page = await store.ListAsync(new SessionQuery { Scope = SessionScope.Of(actor), Limit = 100, Count = SessionCount.Exact });

            var listed = page.Sessions.Select(listed => listed.Session.Id).ToArray();
            if (!listed.SequenceEqual(visible.Select(session => session.Id)) || page.Total != visible.Length || page.HasNextPage)
            {
                string Describe(IEnumerable<string> ids) => string.Join("; ", ids.Select(id => sessions.Single(s => s.Id == id)).Select(s => $"'{s.Request.User}' {s.Status}{(s.HasReview ? " reviewed" : "")}"));
                var ids = visible.Select(session => session.Id).ToArray();
                wrong.Add($"{name}: listed {listed.Length} (total {page.Total}), may see {ids.Length}; listed but not visible: [{Describe(listed.Except(ids))}]; visible but not listed: [{Describe(ids.Except(listed))}]");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }
}
