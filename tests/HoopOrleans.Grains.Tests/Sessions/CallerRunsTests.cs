using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>
/// A caller's runs counted across the two-silo cluster (<see cref="ICallerRunsGrain"/>): reserved
/// by each session grain before its start is stored, released once its final state is, and
/// re-derived from the sessions themselves when a release never came.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CallerRunsTests(ClusterFixture fixture)
{
    private static SessionRequest By(string caller, SessionRequest request) => request with { User = caller };

    /// <summary>Runs <paramref name="call"/> as a front end calls a run: with the caller's bound in the request context.</summary>
    private static async Task<T> BoundAsync<T>(int limit, Func<Task<T>> call)
    {
        CallerRunBound.Set(limit, "Tests:MaxConcurrentRuns");
        try
        {
            return await call();
        }
        finally
        {
            CallerRunBound.Clear();
        }
    }

    /// <summary>The session once done, read as an auditor (these sessions are not <see cref="Actors.Requester"/>'s); a call waits 1.5 s at most, so again until then.</summary>
    private static async Task<SessionRecord> DoneAsync(ISessionGrain grain)
    {
        while (true)
        {
            if (await grain.Get(Actors.Auditor, SessionLimits.MaxCallWait) is { IsDone: true } done)
            {
                return done;
            }
        }
    }

    [Fact]
    public async Task A_caller_at_its_bound_is_refused_on_any_silo_until_its_run_ends()
    {
        var caller = $"caller-{Guid.NewGuid():N}";
        var flag = Requests.TempPath();
        var first = fixture.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId());
        var second = fixture.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId());
        var running = await BoundAsync(1, () => first.Run(By(caller, Requests.UntilFileExists(flag)), TimeSpan.Zero));

        var refused = await Assert.ThrowsAsync<CallerBoundExceededException>(() => BoundAsync(1, () => second.Run(By(caller, Requests.Bash("echo second")), TimeSpan.Zero)));
        var storedAfterRefusal = await fixture.ReadStoredAsync(second.GetPrimaryKeyString());
        var other = fixture.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId());
        await BoundAsync(1, () => other.Run(By($"other-{caller}", Requests.Bash("echo other")), TimeSpan.Zero));
        var another = await DoneAsync(other);
        await File.WriteAllTextAsync(flag, "");
        var ended = await DoneAsync(first);
        await BoundAsync(1, () => second.Run(By(caller, Requests.Bash("echo second")), TimeSpan.Zero));
        var again = await DoneAsync(second);

        Assert.Equal(SessionStatus.Running, running.Status);
        Assert.Contains("Tests:MaxConcurrentRuns", refused.Message);
        Assert.Null(storedAfterRefusal.Session);
        Assert.Equal("success", another.OutputStatus);
        Assert.Equal(SessionStatus.Done, ended!.Status);
        Assert.Equal("second\n"u8.ToArray(), again.Output);
        File.Delete(flag);
    }

    [Fact]
    public async Task A_run_whose_silo_died_before_its_release_is_forgotten_once_the_caller_is_at_its_bound()
    {
        var caller = $"caller-{Guid.NewGuid():N}";
        var orphanId = ClusterFixture.NewId();
        var marker = Requests.TempPath();

        // Counted before its silo died: stored as running, and nothing will ever release it.
        Assert.True(await fixture.Grains.GetGrain<ICallerRunsGrain>(caller).TryReserve(orphanId, 1));
        var orphan = new GrainState<SessionGrainState>(new SessionGrainState
        {
            Session = new SessionRecord
            {
                Id = orphanId,
                Request = By(caller, Requests.Bash($"echo ran >> '{marker}'")),
                Status = SessionStatus.Running,
                StartDate = DateTimeOffset.UtcNow,
                Silo = "a silo that died",
            },
        });
        await fixture.Storage.WriteStateAsync("session", fixture.Grains.GetGrain<ISessionGrain>(orphanId).GetGrainId(), orphan);

        var next = fixture.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId());
        await BoundAsync(1, () => next.Run(By(caller, Requests.Bash("echo next")), TimeSpan.Zero));
        var ran = await DoneAsync(next);

        Assert.Equal("next\n"u8.ToArray(), ran.Output);
        Assert.Equal(FailureReasons.Lost, (await fixture.ReadStoredAsync(orphanId)).Session!.FailureReason);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task A_counted_session_that_never_started_holds_no_place()
    {
        var caller = $"caller-{Guid.NewGuid():N}";
        var counter = fixture.Grains.GetGrain<ICallerRunsGrain>(caller);

        Assert.True(await counter.TryReserve(ClusterFixture.NewId(), 1));
        Assert.True(await counter.TryReserve(ClusterFixture.NewId(), 1));
    }

    [Fact]
    public async Task A_running_session_keeps_its_place_when_the_caller_is_at_its_bound()
    {
        var caller = $"caller-{Guid.NewGuid():N}";
        var flag = Requests.TempPath();
        var first = fixture.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId());
        await BoundAsync(1, () => first.Run(By(caller, Requests.UntilFileExists(flag)), TimeSpan.Zero));

        var held = await first.HoldsRun();
        var reserved = await fixture.Grains.GetGrain<ICallerRunsGrain>(caller).TryReserve(ClusterFixture.NewId(), 1);
        await File.WriteAllTextAsync(flag, "");
        await DoneAsync(first);

        Assert.True(held);
        Assert.False(reserved);
        Assert.False(await first.HoldsRun());
        File.Delete(flag);
    }

    [Fact]
    public async Task The_same_request_twice_while_its_place_is_being_reserved_runs_once()
    {
        var caller = $"caller-{Guid.NewGuid():N}";
        var marker = Requests.TempPath();
        var session = fixture.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId());
        var request = By(caller, Requests.Bash($"echo ran >> '{marker}'"));

        // Both calls reach the grain before the first reservation comes back: the second waits for it.
        var answers = await BoundAsync(2, () => Task.WhenAll(session.Run(request, TimeSpan.Zero), session.Run(request, TimeSpan.Zero)));
        var done = await DoneAsync(session);

        Assert.All(answers, answer => Assert.Equal(session.GetPrimaryKeyString(), answer.Id));
        Assert.Equal("success", done.OutputStatus);
        Assert.Equal(["ran"], await File.ReadAllLinesAsync(marker));
        File.Delete(marker);
    }
}
