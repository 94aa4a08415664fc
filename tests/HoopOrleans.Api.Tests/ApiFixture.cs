namespace HoopOrleans.Api.Tests;

/// <summary>One front end shared by the HTTP tests; each test makes sessions of its own.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public ApiHost Host { get; private set; } = null!;

    public HttpClient Client => Host.Client;

    public async Task InitializeAsync() => Host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
