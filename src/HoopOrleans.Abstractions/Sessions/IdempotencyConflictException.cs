namespace HoopOrleans.Sessions;

/// <summary>The session already exists with another request: an idempotency key was reused for a different body.</summary>
[GenerateSerializer]
public sealed class IdempotencyConflictException()
    : Exception("this Idempotency-Key was already used with a different request");
