namespace HoopOrleans.Processes;

/// <summary>A child's pidfd: readable once the child has exited.</summary>
internal sealed class ExitInterest(ProcessEventLoop loop, ChildProcess child) : LoopInterest(loop, child.PidFd)
{
    public override void OnReady(uint events) => Close();

    /// <summary>Reaping also closes the pidfd.</summary>
    protected override void OnClosed() => child.Reap();
}
