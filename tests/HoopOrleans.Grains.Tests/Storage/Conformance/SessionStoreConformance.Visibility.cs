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
    /// The actors, as the front end makes them from a key's roles and connections, and how many of
    /// <see cref="VisibilitySessions"/> the rule lets each see: the matrix tells the rule's cases
    /// apart (everything, nothing, one's own only, one's own and every session with a review, and
    /// a reviewer's reviews only on the connections its key names, matched exactly).
    /// </summary>
    private static readonly (string Name, SessionActor Actor, int Sees)[] VisibilityActors =
    [
        ("admin", new SessionActor("admin", IsAdmin: true, SeesAll: true), 96),
        ("admin whose key names one connection", new SessionActor("admin", IsAdmin: true, SeesAll: true, Connections: ["bash"]), 96),
        ("auditor", new SessionActor("auditor", IsAdmin: false, SeesAll: true), 96),
        ("auditor whose key names one connection", new SessionActor("auditor", IsAdmin: false, SeesAll: true, Connections: ["gated"]), 96),
        ("the service", SessionActor.Service, 96),
        ("keyless anonymous, every role, reviews its own", new SessionActor("anonymous", IsAdmin: true, SeesAll: true, IsReviewer: true, ReviewsOwn: true), 96),
        ("reviewer on every connection with sessions of its own", new SessionActor("rita", IsAdmin: false, IsReviewer: true), 56),
        ("reviewer on every connection without sessions", new SessionActor("reviewer", IsAdmin: false, IsReviewer: true), 48),
        ("reviewer on gated with sessions of its own", new SessionActor("rita", IsAdmin: false, IsReviewer: true, Connections: ["gated"]), 36),
        ("reviewer on bash without sessions", new SessionActor("reviewer", IsAdmin: false, IsReviewer: true, Connections: ["bash"]), 24),
        ("reviewer on both without sessions", new SessionActor("reviewer", IsAdmin: false, IsReviewer: true, Connections: ["gated", "bash"]), 48),
        ("reviewer on no connection", new SessionActor("reviewer", IsAdmin: false, IsReviewer: true, Connections: []), 0),
        ("reviewer on GATED, which is not gated", new SessionActor("reviewer", IsAdmin: false, IsReviewer: true, Connections: ["GATED"]), 0),
        ("reviewer on another connection only, with sessions of its own", new SessionActor("rita", IsAdmin: false, IsReviewer: true, Connections: ["vault"]), 16),
        ("alice", new SessionActor("alice", IsAdmin: false), 16),
        ("alice whose key lost both connections", new SessionActor("alice", IsAdmin: false, Connections: ["vault"]), 16),
        ("bob", new SessionActor("bob", IsAdmin: false), 16),
        ("stranger", new SessionActor("stranger", IsAdmin: false), 0),
    ];

    /// <summary>
    /// For each owner, on each of two connections, a session in every status with a review and one
    /// without: 96, one a minute. "Alice" and "alice " are other users than "alice": the owner
    /// matches exactly, unlike the user filter.
    /// </summary>
    private static SessionRecord[] VisibilitySessions()
    {
        string[] owners = ["alice", "bob", "rita", "anonymous", "Alice", "alice "];
        var sessions = new List<SessionRecord>();
        foreach (var owner in owners)
        {
            foreach (var connection in new[] { "bash", "gated" })
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
                            Request = Requests.Bash($"echo {sessions.Count}") with { User = owner, Connection = connection },
                            Status = status,
                            ExitCode = status == SessionStatus.Done ? 1 : null,
                            EndDate = status == SessionStatus.Done ? Day.AddMinutes(sessions.Count) : null,
                            HasReview = reviewed,
                            Review = reviewed ? review : null,
                        });
                    }
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
                string Describe(IEnumerable<string> ids) => string.Join("; ", ids.Select(id => sessions.Single(s => s.Id == id)).Select(s => $"'{s.Request.User}' {s.Request.Connection} {s.Status}{(s.HasReview ? " reviewed" : "")}"));
                var ids = visible.Select(session => session.Id).ToArray();
                wrong.Add($"{name}: listed {listed.Length} (total {page.Total}), may see {ids.Length}; listed but not visible: [{Describe(listed.Except(ids))}]; visible but not listed: [{Describe(ids.Except(listed))}]");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }
}
