using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace HoopOrleans.Faults.Load;

/// <summary>
/// Reads every session of a load again once the faults are over, through any front end that
/// answers. A result is lost when a client was told it (200) and it now reads differently, when a
/// session still runs after settling, when one reads "lost" though no node that ran it was
/// lost, when any other failure replaced a run's output, or when a script ran twice. A client
/// that got no answer finds its session again by sending the same Idempotency-Key.
/// </summary>
public sealed class ResultAudit(IReadOnlyList<HttpClient> fronts, IReadOnlySet<string> killedSilos, string? ranLog)
{
    /// <summary>How long a session may keep answering 503 or running once the faults are over.</summary>
    private static readonly TimeSpan SettleLimit = TimeSpan.FromMinutes(1);

    public async Task<AuditReport> CheckAsync(IReadOnlyCollection<Outcome> outcomes)
    {
        var lost = new ConcurrentQueue<string>();
        var sessions = new ConcurrentDictionary<string, JsonElement>();
        var neverStarted = new ConcurrentQueue<string>();
        var unverifiable = 0;
        await Parallel.ForEachAsync(outcomes, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (outcome, _) =>
        {
            var (session, why) = await FindAsync(outcome);
            if (session is null)
            {
                if (why == NeverStarted)
                {
                    neverStarted.Enqueue(outcome.Token);
                }
                else if (why.Length > 0)
                {
                    lost.Enqueue($"{outcome.Token} (first answer {outcome.Status?.ToString() ?? outcome.Error}, {outcome.Id ?? "key " + outcome.Key}) cannot be read after settling: {why}");
                }
                else
                {
                    Interlocked.Increment(ref unverifiable);
                }

                return;
            }

            sessions[outcome.Token] = session.Value;
            if (Problem(outcome, session.Value) is { } problem)
            {
                lost.Enqueue($"{outcome.Token}: {problem}");
            }
        });

        if (ranLog is not null)
        {
            var runs = await RunCountsAsync(ranLog);
            foreach (var (token, count) in runs.Where(run => run.Value > 1))
            {
                lost.Enqueue($"{token}: the script ran {count} times");
            }

            foreach (var token in neverStarted.Where(runs.ContainsKey))
            {
                lost.Enqueue($"{token}: its script ran, yet its session reads 404");
            }

            foreach (var (token, _) in sessions.Where(s => s.Value.GetProperty("exit_code").GetInt32() == 0 && !runs.ContainsKey(s.Key)))
            {
                lost.Enqueue($"{token}: a run read as a success left no trace in the run log");
            }
        }

        return new AuditReport(outcomes.Count - unverifiable - neverStarted.Count, unverifiable, neverStarted.Count, [.. lost], sessions);
    }

    /// <summary>Why the session as it reads now breaks a promise, or null.</summary>
    private string? Problem(Outcome outcome, JsonElement session)
    {
        var status = session.GetProperty("status").GetString();
        var exitCode = session.GetProperty("exit_code").GetInt32();
        var output = session.GetProperty("output").GetString();
        var reason = session.GetProperty("failure_reason").GetString();
        var silo = session.GetProperty("silo").GetString() ?? "";
        if (status != "done")
        {
            return $"still {status} after settling";
        }

        if (outcome.ToldResult && (exitCode != outcome.ExitCode || session.GetProperty("output_status").GetString() != outcome.OutputStatus
            || (outcome.Output is not null && output != outcome.Output)))
        {
            return $"told exit {outcome.ExitCode} {outcome.OutputStatus} {Quote(outcome.Output)}, now reads exit {exitCode} {reason} {Quote(output)}";
        }

        if (exitCode == 0 && output == outcome.ExpectedOutput)
        {
            return null;
        }

        return reason == "lost" && killedSilos.Contains(silo)
            ? null
            : $"reads exit {exitCode} ({reason ?? "no reason"}) on {silo}, output {Quote(output)}";
    }

    /// <summary>Why a session could not be read: its 202 said it may have started, and it never did.</summary>
    private const string NeverStarted = "never started";

    /// <summary>The session of <paramref name="outcome"/> as it reads once settled, or null and why not.</summary>
    private async Task<(JsonElement? Session, string Why)> FindAsync(Outcome outcome)
    {
        if (outcome.Id is { } told)
        {
            var (status, session) = await ReadAsync(told);
            if (status == 200)
            {
                return (session, "");
            }

            // A 202 says the run may have started; one whose start was never stored never ran and
            // reads 404. Its client knows nothing ran, and with a key sends it again.
            if (!(status == 404 && outcome.Status == 202))
            {
                return (null, $"GET answers {status} {(session.ValueKind == JsonValueKind.Undefined ? "" : session.ToString())}");
            }

            if (outcome.Key is null)
            {
                return (null, NeverStarted);
            }
        }

        if (outcome.Key is null)
        {
            return (null, "");
        }

        // The same key through any front end reaches the same session: it runs the script now if
        // the first request never started it, or answers the run it started.
        var (sent, body) = await AskAsync(outcome.Front + 1, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions?wait=30") { Content = new StringContent(outcome.Body, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", outcome.Key);
            return request;
        });
        if (sent is not (200 or 202))
        {
            return (null, $"sending its key again answers {sent}");
        }

        var (readStatus, found) = await ReadAsync(body.GetProperty("session_id").GetString()!);
        return readStatus == 200 ? (found, "") : (null, $"GET after sending its key again answers {readStatus}");
    }

    private Task<(int Status, JsonElement Body)> ReadAsync(string id) =>
        AskAsync(0, () => new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{id}?wait=30"));

    /// <summary>
    /// Sends a request until a front end answers other than 503, trying each in turn from
    /// <paramref name="firstFront"/> (a client that lost its answer asks another front end); gives
    /// up after <see cref="SettleLimit"/>.
    /// </summary>
    private async Task<(int Status, JsonElement Body)> AskAsync(int firstFront, Func<HttpRequestMessage> request)
    {
        (int Status, JsonElement Body) answer = (503, default);
        var attempt = firstFront;
        await Until.HeldWithinAsync(SettleLimit, async () =>
        {
            try
            {
                using var message = request();
                using var response = await fronts[attempt++ % fronts.Count].SendAsync(message);
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode != 503)
                {
                    answer = ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
                    return true;
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                // A front end that is down or restarting: the next one is asked.
            }

            return false;
        });
        return answer;
    }

    /// <summary>How many times each token's script ran, from the log every run appends to.</summary>
    private static async Task<Dictionary<string, int>> RunCountsAsync(string log) =>
        (await File.ReadAllLinesAsync(log)).Where(line => line.Length > 0).GroupBy(line => line).ToDictionary(g => g.Key, g => g.Count());

    private static string Quote(string? text) => text is null ? "(none)" : JsonSerializer.Serialize(text.Length > 80 ? text[..80] + "…" : text);
}
