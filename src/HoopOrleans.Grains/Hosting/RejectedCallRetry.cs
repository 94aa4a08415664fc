namespace HoopOrleans.Hosting;

/// <summary>
/// Sends a grain call again when the runtime rejected it. A rejection means no activation ran it:
/// the message met an activation that was deactivating (a finished session's activation goes as
/// soon as it has answered, so concurrent reads of one race with it), a silo that was leaving, or
/// a directory entry that had just moved. Sent again, it finds the grain's next activation. A
/// silo found dead with the call outstanding is not such a case: the call may have run there, and
/// its caller decides what that means.
/// </summary>
public sealed class RejectedCallRetry : IOutgoingGrainCallFilter
{
    private const int Attempts = 4;

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (OrleansMessageRejectionException e) when (e is not SiloUnavailableException && attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5 << attempt));
            }
        }
    }
}
