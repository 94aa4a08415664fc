using System.Text.Json;

namespace HoopOrleans.Faults.Load;

/// <summary>What the audit found: the sessions as they read now, and the results lost.</summary>
/// <param name="Checked">Outcomes whose session was read again.</param>
/// <param name="Unverifiable">Requests without a key that got no id: nothing can find their session.</param>
/// <param name="NeverStarted">Requests without a key answered 202 whose run never started (their id reads 404, and their script left no trace).</param>
/// <param name="Lost">One line per result lost.</param>
/// <param name="Sessions">Each session as it reads now, by token.</param>
public sealed record AuditReport(int Checked, int Unverifiable, int NeverStarted, IReadOnlyList<string> Lost, IReadOnlyDictionary<string, JsonElement> Sessions);
