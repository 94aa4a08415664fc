using HoopOrleans.Testing.Faults;

namespace HoopOrleans.Api.Tests.Faults;

/// <summary>
/// Generated malformed requests, at least 500 on every route: each gets a 4xx with a JSON
/// <c>{"message": …}</c> or a correct success, never a 5xx, a hang or a crash. The front end is
/// one of its own, with sessions in every state to aim at.
/// </summary>
public sealed class HostileInputTests(HostileInputTests.Target target) : IClassFixture<HostileInputTests.Target>
{
    private const int RequestsPerRoute = 500;

    public sealed class Target : IAsyncLifetime
    {
        public ApiHost Host { get; private set; } = null!;

        /// <summary>Ids of a finished session and of one waiting for review.</summary>
        public List<string> Sessions { get; private set; } = [];

        public async Task InitializeAsync()
        {
            Host = await ApiHost.StartAsync(HostileRoutes.Settings.ToDictionary());
            Sessions = await HostileRoutes.MakeTargetsAsync(Host.Client);
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    public static TheoryData<string> Routes => new(HostileRoutes.All);

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_malformed_request_gets_a_4xx_with_a_message_or_a_correct_success(string route)
    {
        var routes = new HostileRoutes(target.Host.Client, target.Sessions);

        await routes.SendAsync(route, RequestsPerRoute);

        Assert.True(routes.Sent >= RequestsPerRoute, $"only {routes.Sent} requests were sent");
        Assert.True(await routes.IsHealthyAsync());
    }
}
