using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Storage.InMemory;

/// <summary>
/// The embedded default's age sweep. The byte cap needs no timer: the store keeps it at every
/// write. Age needs one, since sessions grow old without anything being written.
/// </summary>
public sealed class InMemoryRetentionSweeper(
    InMemorySessionStore store,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<InMemoryRetentionSweeper> logger) : RetentionSweeper(options, time, logger)
{
    protected override Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        Task.FromResult(store.DeleteFinishedBefore(cutoff));
}
