namespace HoopOrleans.Api.Tests.Compatibility;

/// <summary>The flags of <c>hoop sessions list</c> that become its query (fetchSessions).</summary>
public sealed record SessionsListFlags
{
    public string User { get; init; } = "";
    public string Role { get; init; } = "";
    public string Type { get; init; } = "";
    public string ReviewApprover { get; init; } = "";
    public string ReviewStatus { get; init; } = "";
    public string StartDate { get; init; } = "";
    public string EndDate { get; init; } = "";
    public int Limit { get; init; }
    public int Offset { get; init; }
    public string Count { get; init; } = "capped";

    public IEnumerable<(string Key, string Value)> Query()
    {
        (string, string)[] set =
        [
            ("user", User), ("connection", Role), ("type", Type), ("review.approver", ReviewApprover),
            ("review.status", ReviewStatus), ("start_date", StartDate), ("end_date", EndDate),
            ("limit", Limit > 0 ? $"{Limit}" : ""), ("offset", Offset > 0 ? $"{Offset}" : ""),
        ];
        return set.Where(pair => pair.Item2.Length > 0).Append(("count", Count.Length > 0 ? Count : "capped"));
    }
}
