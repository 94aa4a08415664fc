namespace HoopOrleans.Api.Security;

/// <summary>
/// Holds every request until the bound addresses have been judged safe. Kestrel accepts
/// connections as soon as it binds, before anyone can see what it bound, so the gate is what
/// makes "no request is served before the check has passed" true.
/// </summary>
internal sealed class ListenGate
{
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when requests may be served; faults when the service refused to serve.</summary>
    public Task Opened => _opened.Task;

    public void Open() => _opened.TrySetResult();

    public void Refuse(string reason) => _opened.TrySetException(new ListenRefusedException(reason));
}
