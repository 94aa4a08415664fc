using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using Npgsql;
using Xunit;

namespace HoopOrleans.Testing.Cluster;

/// <summary>
/// A real cluster started with <c>deploy/local/cluster.sh</c>: a private PostgreSQL, two silo
/// processes and two front-end processes, on ports and in a folder of its own.
/// </summary>
/// <remarks>
/// The nodes run the build of src/HoopOrleans.Silo and src/HoopOrleans.Api that the test run
/// made, in its configuration: a project that uses this class references both projects (without
/// their assemblies), so building it builds them. <c>cluster.sh up</c> would build both again, in
/// Release, for every cluster: a minute and a half of this machine's two cores each time, and two
/// test projects starting clusters at once built the same projects into the same folders at once.
/// </remarks>
public sealed class LocalCluster : IAsyncLifetime
{
    /// <summary>How long the tests give the cluster to settle after a change (a drain, a lost silo).</summary>
    public static readonly TimeSpan SettleLimit = TimeSpan.FromMinutes(1);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"hoop-cluster-{Guid.NewGuid():N}");
    private readonly Dictionary<string, string> _environment = new();
    private readonly int _postgresPort = FreePorts.Next();
    private readonly int _firstFrontPort = FreePorts.Consecutive(2);

    public HttpClient Front1 { get; private set; } = null!;

    public HttpClient Front2 { get; private set; } = null!;

    /// <summary>The cluster's id in the membership table.</summary>
    public string ClusterId => _environment["HOOP_CLUSTER_ID"];

    /// <summary>Where cluster.sh writes each node's log (silo-N.log, front-N.log) and PostgreSQL's.</summary>
    public string LogsFolder => Path.Combine(_folder, "logs");

    /// <summary>Where cluster.sh keeps the nodes' certificates and keys, and the CA's certificate they trust.</summary>
    public string TlsFolder => Path.Combine(_folder, "tls");

    /// <summary>Where cluster.sh keeps the CA's key (and its own copy of the CA's certificate): the operator's, no node's.</summary>
    public string CaFolder => Path.Combine(_folder, "ca");

    /// <summary>The cluster's CA with its key, as the operator holds it, to issue certificates in a test.</summary>
    public X509Certificate2 CertificateAuthority() =>
        X509Certificate2.CreateFromPemFile(Path.Combine(CaFolder, "ca.crt"), Path.Combine(CaFolder, "ca.key"));

    /// <summary>Node <paramref name="node"/>'s (silo-1, front-2, …) certificate with its key, as cluster.sh issued it.</summary>
    public X509Certificate2 NodeCertificate(string node) =>
        X509Certificate2.CreateFromPemFile(Path.Combine(TlsFolder, $"{node}.crt"), Path.Combine(TlsFolder, $"{node}.key"));

    /// <summary>Silo N's silo-to-silo port and its gateway port.</summary>
    public (int Silo, int Gateway) OrleansPorts(int silo) =>
        (int.Parse(_environment["HOOP_SILO_PORT"]) + silo - 1, int.Parse(_environment["HOOP_GATEWAY_PORT"]) + silo - 1);

    /// <summary>Silo N's own HTTP listener: probes (and metrics) only.</summary>
    /// <summary>Front end <paramref name="front"/>'s gRPC listener (hoop's transport), plaintext.</summary>
    public Uri FrontGrpc(int front) => new($"http://127.0.0.1:{int.Parse(_environment["HOOP_GRPC_PORT"]) + front - 1}");

    public Uri SiloListener(int silo) => new($"http://127.0.0.1:{int.Parse(_environment["HOOP_HEALTH_PORT"]) + silo - 1}");

    /// <summary>
    /// The cluster's database for the test's own clients, unpooled: tests restart PostgreSQL, and a
    /// pooled connection from before a restart fails its next command with 57P01.
    /// </summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={_postgresPort};Username=hoop;Database=hoop;Passfile={Path.Combine(_folder, "postgres", "pgpass")};Pooling=false";

    public async Task InitializeAsync()
    {
        // Each node's ports are the first port plus its number minus one, so blocks of two are reserved.
        _environment["HOOP_CLUSTER_DIR"] = _folder;
        _environment["HOOP_CLUSTER_ID"] = $"test-{Guid.NewGuid():N}";

        // The drain test holds a run through a drain while it posts and reads; with the script's
        // 5 s default a loaded machine ran out the drain before the test released the run (CI saw
        // it twice). A test that waits a drain out starts its silo with a shorter one.
        _environment["HOOP_DRAIN_TIMEOUT"] = "00:00:30";
        _environment["HOOP_PG_PORT"] = _postgresPort.ToString();
        _environment["HOOP_FRONT_PORT"] = _firstFrontPort.ToString();
        _environment["HOOP_SILO_PORT"] = FreePorts.Consecutive(2).ToString();
        _environment["HOOP_GATEWAY_PORT"] = FreePorts.Consecutive(2).ToString();
        _environment["HOOP_HEALTH_PORT"] = FreePorts.Consecutive(2).ToString();
        _environment["HOOP_GRPC_PORT"] = FreePorts.Consecutive(2).ToString();
        _environment["HOOP_NODE_ARGS"] = string.Join(' ', NodeArguments);
        foreach (var (name, value) in NodeSecrets)
        {
            _environment[name] = value;
        }

        // Each silo hosts a connection of its own beside the shared ones, as a silo per network
        // would; north's secret reaches silo 1 only, from a file (never an argument).
        _environment["HOOP_SILO_1_ARGS"] = string.Join(' ', OwnConnection("north"));
        _environment["HOOP_SILO_2_ARGS"] = string.Join(' ', [.. OwnConnection("south"), .. OwnConnection("south-gated"), "--Connections:south-gated:Review=true"]);
        Directory.CreateDirectory(_folder);
        var northSecrets = Path.Combine(_folder, "silo-1.env");
        File.WriteAllText(northSecrets, $"Connections__north__Env__NORTH_TOKEN={NorthSecret}\n");
        File.SetUnixFileMode(northSecrets, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _environment["HOOP_SILO_1_ENV_FILE"] = northSecrets;

        // cluster.sh runs the nodes from $HOOP_CLUSTER_DIR/bin/silo and bin/api.
        var bin = Directory.CreateDirectory(Path.Combine(_folder, "bin")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(bin, "silo"), BuildOf("HoopOrleans.Silo"));
        Directory.CreateSymbolicLink(Path.Combine(bin, "api"), BuildOf("HoopOrleans.Api"));
        await RunAsync("up", "--no-build");
        Front1 = Client(1, "ops");
        Front2 = Client(2, "ops");
    }

    public async Task DisposeAsync()
    {
        Front1?.Dispose();
        Front2?.Dispose();
        NpgsqlConnection.ClearAllPools();
        await RunAsync("down", "--purge");
    }

    /// <summary>
    /// Every node gets three API keys, ops (admin), rita (reviewer on gated) and capped (a user with
    /// one run at a time in the whole cluster), a connection (gated)
    /// whose runs need a review, and Orleans' dashboard (every silo collects for it, front ends serve it). Arguments
    /// are split on spaces, so none has one.
    /// </summary>
    private static readonly string[] NodeArguments =
    [
        "--Auth:Keys:ops:Roles:0=admin", "--Auth:Keys:ops:Connections:0=*",
        "--Auth:Keys:rita:Roles:0=reviewer", "--Auth:Keys:rita:Connections:0=gated",
        "--Auth:Keys:capped:Roles:0=user", "--Auth:Keys:capped:Connections:0=*", "--Auth:Keys:capped:MaxConcurrentRuns=1",
        "--Connections:gated:Command:0=bash", "--Connections:gated:Command:1=-s", "--Connections:gated:Review=true",
        "--Orleans:Dashboard:Enabled=true",
    ];

    /// <summary>
    /// The keys' hashes reach the nodes through cluster.sh's environment, which every node inherits,
    /// as the README tells operators to pass secrets: an argument is readable by every local user.
    /// </summary>
    private static readonly Dictionary<string, string> NodeSecrets = new()
    {
        ["Auth__Keys__ops__Hash"] = ApiKeyHash.Of(KeyOf("ops")),
        ["Auth__Keys__rita__Hash"] = ApiKeyHash.Of(KeyOf("rita")),
        ["Auth__Keys__capped__Hash"] = ApiKeyHash.Of(KeyOf("capped")),
    };

    public static string KeyOf(string name) => $"{name}-cluster-key";

    /// <summary>The value of north's <c>NORTH_TOKEN</c>, which silo 1's environment file gives it: never to be seen in an answer.</summary>
    public const string NorthSecret = "north-token-5f0c2b7e";

    /// <summary>The settings of a connection that one silo alone hosts: bash, described as hoop's postgres database of its network.</summary>
    public static string[] OwnConnection(string name) =>
    [
        $"--Connections:{name}:Command:0=bash", $"--Connections:{name}:Command:1=-s",
        $"--Connections:{name}:Type=database", $"--Connections:{name}:Subtype=postgres", $"--Connections:{name}:Tags:network={name}",
    ];

    /// <summary>The folder the test run built src/<paramref name="project"/> into (bin/Debug/net10.0 unless built otherwise).</summary>
    private static string BuildOf(string project)
    {
        var output = typeof(LocalCluster).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "HoopOrleans.Testing.BuildOutput").Value!;
        var folder = Path.Combine(RepositoryRoot.Path, "src", project, output);
        if (!File.Exists(Path.Combine(folder, project + ".dll")))
        {
            throw new InvalidOperationException($"{project} is not built in {folder}: a test project that starts a local cluster references src/{project} (as HoopOrleans.Cluster.Tests does)");
        }

        return folder;
    }

    /// <summary>A client of front end <paramref name="front"/> presenting <paramref name="key"/>'s key.</summary>
    /// <summary>Front end <paramref name="front"/>'s address, as a browser opens it.</summary>
    public Uri Front(int front) => new($"http://127.0.0.1:{_firstFrontPort + front - 1}");

    public HttpClient Client(int front, string key)
    {
        var client = new HttpClient { BaseAddress = Front(front), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", KeyOf(key));
        return client;
    }

    /// <summary>Runs <c>cluster.sh</c> with this cluster's settings and returns what it printed.</summary>
    public Task<string> RunAsync(params string[] args) => ScriptRunner.RunAsync("deploy/local/cluster.sh", args, _environment);

    /// <summary>
    /// Runs <c>cluster.sh</c> with this cluster's settings but for <paramref name="changed"/>, such as
    /// a shorter <c>HOOP_DRAIN_TIMEOUT</c> for one node's start; the next command uses the cluster's own again.
    /// </summary>
    public Task<string> RunWithAsync(IReadOnlyDictionary<string, string> changed, params string[] args)
    {
        var environment = new Dictionary<string, string>(_environment);
        foreach (var (name, value) in changed)
        {
            environment[name] = value;
        }

        return ScriptRunner.RunAsync("deploy/local/cluster.sh", args, environment);
    }

    /// <summary>Stops the cluster's PostgreSQL server (fast shutdown: open connections are closed), as an outage would.</summary>
    public Task StopPostgresAsync() => ScriptRunner.RunAsync("deploy/local/postgres.sh", ["stop", Path.Combine(_folder, "postgres")]);

    /// <summary>Starts the cluster's PostgreSQL server again, on its port, with its data.</summary>
    public Task StartPostgresAsync() =>
        ScriptRunner.RunAsync("deploy/local/postgres.sh", ["start", Path.Combine(_folder, "postgres"), _postgresPort.ToString()]);

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

    /// <summary>Whether node <paramref name="n"/> of <paramref name="kind"/> (silo, front) runs; a zombie does not.</summary>
    public bool IsRunning(string kind, int n)
    {
        var pidFile = Path.Combine(_folder, $"{kind}-{n}.pid");
        if (!File.Exists(pidFile))
        {
            return false;
        }

        try
        {
            return File.ReadAllText(Path.Combine("/proc", File.ReadAllText(pidFile).Trim(), "stat")).Split(' ')[2] != "Z";
        }
        catch (IOException)
        {
            // Gone between the pid file and its /proc entry (or never there): not running.
            return false;
        }
    }

    /// <summary>Node <paramref name="n"/>'s argv, as every local user reads it in /proc/&lt;pid&gt;/cmdline, arguments separated by spaces.</summary>
    public string CommandLineOf(string kind, int n)
    {
        var pid = File.ReadAllText(Path.Combine(_folder, $"{kind}-{n}.pid")).Trim();
        return File.ReadAllText(Path.Combine("/proc", pid, "cmdline")).Replace('\0', ' ');
    }

    /// <summary>Makes sure node <paramref name="n"/> runs again, as fresh: a node still running (a test failed midway) is killed first.</summary>
    public async Task RestartAsync(string kind, int n)
    {
        if (IsRunning(kind, n))
        {
            await RunAsync($"kill-{kind}", n.ToString());
        }

        await RunAsync($"start-{kind}", n.ToString());
    }

    /// <summary>Silo <paramref name="silo"/>'s address as sessions record it (address:port@generation), while it is active.</summary>
    public Task<string> SiloAddressAsync(int silo) => QueryScalarAsync<string>(
        "SELECT address || ':' || port || '@' || generation FROM orleans_membership WHERE status = 3 AND port = $1",
        OrleansPorts(silo).Silo);
}
