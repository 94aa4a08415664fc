using HoopOrleans.Processes;
using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>A session stores a run's outcome as the process runner reports it, so the runner's own codes must be the contract's.</summary>
public sealed class RunOutcomeCodesTests
{
    [Fact]
    public void The_runners_own_exit_codes_and_reasons_are_the_contracts()
    {
        Assert.Equal(ExitCodes.ServiceError, ProcessExitCodes.ServiceError);
        Assert.Equal(ExitCodes.SignalBase, ProcessExitCodes.SignalBase);
        Assert.Equal(FailureReasons.StartFailed, ProcessStopReasons.StartFailed);
        Assert.Equal(FailureReasons.TimedOut, ProcessStopReasons.TimedOut);
    }
}
