namespace HoopOrleans.Storage;

/// <summary>Whose listing it is, for a key that does not see every session.</summary>
/// <param name="Name">The key's name: its own sessions are listed.</param>
/// <param name="SeesReviews">A reviewer: every session that asks for a review is listed too, as its grain shows them to it.</param>
public sealed record SessionListViewer(string Name, bool SeesReviews);
