using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace HoopOrleans.Faults.Load;

/// <summary>
/// Steady load: clients that each loop <c>POST /api/sessions</c> with a short script printing a
/// unique token, and record the first answer they get. A client that gets no answer or a 503 moves
/// to the next front end after a pause, as <c>Retry-After</c> asks; stopping lets requests in
/// flight finish.
/// </summary>
public sealed class LoadRun
{
    /// <summary>The POST's own wait: a run whose result is held up answers 202 after it, well before the client gives up.</summary>
    private const int WaitSeconds = 20;

    /// <summary>No answer within this is a hang.</summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(WaitSeconds + 20);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    private readonly IReadOnlyList<HttpClient> _fronts;
    private readonly LoadOptions _options;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentQueue<Outcome> _outcomes = new();
    private readonly ConcurrentQueue<string> _serverErrors = new();
    private readonly ConcurrentQueue<string> _hangs = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly int[] _inFlight;
    private readonly Task[] _clients;
    private int _sequence;
    private int _requests;
    private int _unavailable;
    private int _successes;
    private int _wrong;

    private LoadRun(IReadOnlyList<HttpClient> fronts, LoadOptions options)
    {
        _fronts = fronts;
        _options = options;
        _inFlight = new int[fronts.Count];
        _clients = [.. Enumerable.Range(0, options.Clients).Select(client => Task.Run(() => ClientAsync(client)))];
    }

    /// <summary>Starts <see cref="LoadOptions.Clients"/> clients spread over <paramref name="fronts"/>.</summary>
    public static LoadRun Start(IReadOnlyList<HttpClient> fronts, LoadOptions options) => new(fronts, options);

    public int Requests => _requests;

    /// <summary>Answers 503.</summary>
    public int Unavailable => _unavailable;

    /// <summary>Answers 200 with the script's own output.</summary>
    public int Successes => _successes;

    /// <summary>Answers 200 whose output or exit code is not the script's: a wrong result.</summary>
    public int Wrong => _wrong;

    /// <summary>5xx answers other than 503, and 503s without a JSON message.</summary>
    public IReadOnlyCollection<string> ServerErrors => _serverErrors;

    /// <summary>Requests with no answer within <see cref="ClientTimeout"/>.</summary>
    public IReadOnlyCollection<string> Hangs => _hangs;

    public IReadOnlyCollection<Outcome> Outcomes => _outcomes;

    /// <summary>Requests sent to front end <paramref name="front"/> (0-based) and not answered yet.</summary>
    public int InFlight(int front) => Volatile.Read(ref _inFlight[front]);

    /// <summary>Successes among requests sent at or after <paramref name="timestamp"/> (a Stopwatch timestamp).</summary>
    public int SuccessesSince(long timestamp) => _outcomes.Count(o => o.ToldResult && o.OutputMatched && o.StartedAt >= timestamp);

    /// <summary>Whether every client has stopped by itself (the request limit was reached).</summary>
    public Task Completion => Task.WhenAll(_clients);

    /// <summary>Sends no new requests and waits for the ones in flight.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_clients);
    }

    private async Task ClientAsync(int client)
    {
        var front = client % _fronts.Count;
        while (!_stop.IsCancellationRequested)
        {
            var n = Interlocked.Increment(ref _sequence);
            if (n > _options.Limit)
            {
                return;
            }

            var outcome = await SendAsync(n, front);
            if (_options.KeepOutcomes || !(outcome.ToldResult && outcome.OutputMatched))
            {
                _outcomes.Enqueue(outcome);
            }

            if (outcome.Status is not (200 or 202))
            {
                front = (front + 1) % _fronts.Count;
                try
                {
                    await Task.Delay(Pause, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    // Stopped during the pause: the loop ends.
                }
            }
        }
    }

    private async Task<Outcome> SendAsync(int n, int front)
    {
        var token = $"t{_run}-{n}";
        var script = new StringBuilder();
        if (Random.Shared.NextDouble() < _options.SlowFraction)
        {
            script.Append("sleep 0.3; ");
        }

        if (_options.RanLog is { } log)
        {
            script.Append($"echo {token} >> '{log}'; ");
        }

        script.Append($"echo {token}");
        var expected = token + "\n";
        if (_options.PaddingBytes > 0)
        {
            // printf is a bash builtin: the padding costs no extra process.
            script.Append($"; printf '%{_options.PaddingBytes}s\\n' ''");
            expected += new string(' ', _options.PaddingBytes) + "\n";
        }

        var body = JsonSerializer.Serialize(new { connection = "bash", script = script.ToString() });
        var key = Random.Shared.NextDouble() < _options.KeyedFraction ? token : null;
        var outcome = new Outcome { Token = token, Key = key, Body = body, ExpectedOutput = expected, Front = front, StartedAt = Stopwatch.GetTimestamp() };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions?wait={WaitSeconds}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _inFlight[front]);
        try
        {
            using var response = await _fronts[front].SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return Read(outcome with { Status = (int)response.StatusCode, EndedAt = Stopwatch.GetTimestamp() }, text);
        }
        catch (TaskCanceledException)
        {
            _hangs.Enqueue($"hang: no answer within {ClientTimeout.TotalSeconds:F0} s from front end {front + 1} for {token}");
            return outcome with { Error = "timeout", EndedAt = Stopwatch.GetTimestamp() };
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // The connection was refused or cut (a front end died): no answer.
            return outcome with { Error = e.Message, EndedAt = Stopwatch.GetTimestamp() };
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight[front]);
        }
    }

    /// <summary>Takes what the answer says, and counts what it must not be.</summary>
    private Outcome Read(Outcome outcome, string text)
    {
        JsonElement? body = null;
        try
        {
            body = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            // Not JSON: only a failure when the status says it should have been.
        }

        var status = outcome.Status!.Value;
        if (status == 503)
        {
            Interlocked.Increment(ref _unavailable);
            if (body is not { ValueKind: JsonValueKind.Object } error || !error.TryGetProperty("message", out _))
            {
                _serverErrors.Enqueue($"503 without a JSON message for {outcome.Token}: {text}");
            }

            return outcome;
        }

        if (status >= 500)
        {
            _serverErrors.Enqueue($"{status} for {outcome.Token}: {text}");
            return outcome;
        }

        if (status is not (200 or 202) || body is not { } session)
        {
            _serverErrors.Enqueue($"unexpected {status} for {outcome.Token}: {text}");
            return outcome;
        }

        var output = session.GetProperty("output").GetString();
        var exitCode = session.GetProperty("exit_code").GetInt32();
        var matched = exitCode == 0 && output == outcome.ExpectedOutput;
        if (status == 200 && matched)
        {
            Interlocked.Increment(ref _successes);
        }
        else if (status == 200 && exitCode == 0)
        {
            // A run that succeeded with output that is not its script's: another session's result.
            Interlocked.Increment(ref _wrong);
        }

        return outcome with
        {
            Id = session.GetProperty("session_id").GetString(),
            ExitCode = exitCode,
            Output = _options.PaddingBytes > 0 ? null : output,
            OutputMatched = matched,
            OutputStatus = session.GetProperty("output_status").GetString(),
        };
    }
}
