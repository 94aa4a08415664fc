using HoopOrleans.Faults.Load;

namespace HoopOrleans.Faults;

/// <summary>What one scenario did and found: a row of the suite's table, and why it failed if it did.</summary>
public sealed class Figure(string scenario)
{
    public string Scenario { get; } = scenario;

    /// <summary>Faults injected: nodes killed or stopped, outages, malformed requests do not count here.</summary>
    public int FaultsInjected { get; set; }

    /// <summary>Requests the load clients sent.</summary>
    public int Requests { get; set; }

    /// <summary>Answers 503 (allowed while a fault lasts, always with a JSON message).</summary>
    public int Unavailable { get; set; }

    /// <summary>Answers 500 or any 5xx but 503: each is a failure.</summary>
    public int OtherServerErrors { get; set; }

    /// <summary>Generated malformed requests sent.</summary>
    public int BadInputs { get; set; }

    /// <summary>Results a client was told and that later read differently, or sessions left running or lost without a node loss.</summary>
    public int ResultsLost { get; set; }

    /// <summary>The scenario's own figure: first success after a restart, slowest answer, RSS.</summary>
    public string Notable { get; set; } = "";

    /// <summary>Why the scenario failed; empty when it passed.</summary>
    public List<string> Failures { get; } = [];

    public bool Passed => Failures.Count == 0 && ResultsLost == 0 && OtherServerErrors == 0;

    /// <summary>Adds the load's counts and the audit's findings.</summary>
    public void Add(LoadRun load, AuditReport? audit)
    {
        Requests += load.Requests;
        Unavailable += load.Unavailable;
        OtherServerErrors += load.ServerErrors.Count;
        Failures.AddRange(load.ServerErrors.Take(5));
        Failures.AddRange(load.Hangs.Take(5));
        Expect(load.Wrong == 0, $"{load.Wrong} answers carried output that was not their script's");
        if (audit is not null)
        {
            ResultsLost += audit.Lost.Count;
            Failures.AddRange(audit.Lost.Take(10).Select(lost => "lost: " + lost));
        }
    }

    /// <summary>Fails the scenario with <paramref name="why"/> unless <paramref name="holds"/>.</summary>
    public void Expect(bool holds, string why)
    {
        if (!holds)
        {
            Failures.Add(why);
        }
    }

    public override string ToString() =>
        $"{Scenario}: {(Passed ? "passed" : "FAILED")}; {FaultsInjected} faults, {Requests} requests, {Unavailable} 503s, {OtherServerErrors} other 5xx, " +
        $"{BadInputs} bad inputs, {ResultsLost} results lost; {Notable}" + string.Concat(Failures.Select(f => "\n  " + f));
}
