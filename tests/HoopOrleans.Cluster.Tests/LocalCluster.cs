using System.Net;
using System.Net.Sockets;
using HoopOrleans.Tests;
using Npgsql;

namespace HoopOrleans.Cluster.Tests;

/// <summary>
/// A real cluster started with <c>deploy/local/cluster.sh</c>: a private PostgreSQL, two silo
/// processes and two front-end processes, on ports and in a folder of its own.
/// </summary>
public sealed class LocalCluster : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"hoop-cluster-{Guid.NewGuid():N}");
    private readonly Dictionary<string, string> _environment = new();
    private readonly int _postgresPort = FreePort();
    private readonly int[] _frontPorts = [FreePort(), FreePort()];

    public HttpClient Front1 { get; private set; } = null!;

    public HttpClient Front2 { get; private set; } = null!;

    public string ConnectionString => $"Host=127.0.0.1;Port={_postgresPort};Username=hoop;Database=hoop";

    public async Task InitializeAsync()
    {
        // Each node's ports are the first port plus its number minus one, so blocks of two are reserved.
        _environment["HOOP_CLUSTER_DIR"] = _folder;
        _environment["HOOP_CLUSTER_ID"] = $"test-{Guid.NewGuid():N}";
        _environment["HOOP_PG_PORT"] = _postgresPort.ToString();
        _environment["HOOP_FRONT_PORT"] = ConsecutivePorts(_frontPorts).ToString();
        _environment["HOOP_SILO_PORT"] = ConsecutivePorts().ToString();
        _environment["HOOP_GATEWAY_PORT"] = ConsecutivePorts().ToString();
        _environment["HOOP_HEALTH_PORT"] = ConsecutivePorts().ToString();
        await RunAsync("up");
        Front1 = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_frontPorts[0]}"), Timeout = TimeSpan.FromMinutes(2) };
        Front2 = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_frontPorts[1]}"), Timeout = TimeSpan.FromMinutes(2) };
    }

    public async Task DisposeAsync()
    {
        Front1?.Dispose();
        Front2?.Dispose();
        NpgsqlConnection.ClearAllPools();
        await RunAsync("down", "--purge");
    }

    /// <summary>Runs <c>cluster.sh</c> with this cluster's settings and returns what it printed.</summary>
    public Task<string> RunAsync(params string[] args) => ScriptRunner.RunAsync("deploy/local/cluster.sh", args, _environment);

    public async Task<T> QueryScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A port whose next one is free too; fills <paramref name="ports"/> with both when given.</summary>
    private static int ConsecutivePorts(int[]? ports = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var first = FreePort();
            try
            {
                using var second = new TcpListener(IPAddress.Loopback, first + 1);
                second.Start();
            }
            catch (SocketException) when (attempt < 50)
            {
                continue;
            }

            if (ports is not null)
            {
                ports[0] = first;
                ports[1] = first + 1;
            }

            return first;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LocalClusterCollection : ICollectionFixture<LocalCluster>
{
    public const string Name = "local cluster";
}
