namespace HoopOrleans.Processes;

/// <summary>One run's stdin and output pipes, as the <see cref="ProcessEventLoop"/> serves them.</summary>
public sealed class RunPipes
{
    private readonly ProcessEventLoop _loop;
    private readonly OutputPump _output;
    private readonly InputFeed? _input;

    internal RunPipes(ProcessEventLoop loop, OutputPump output, InputFeed? input)
    {
        _loop = loop;
        _output = output;
        _input = input;
    }

    /// <summary>Completes when every writer has closed the output pipe.</summary>
    public Task OutputEnded => _output.Closed;

    /// <summary>
    /// Stops feeding and reading, and closes both pipes. Once the returned task completes, the
    /// output buffer is no longer written to.
    /// </summary>
    public Task CloseAsync()
    {
        // Usually both ended by themselves and there is nothing to hand to the loop.
        if (_output.Closed.IsCompleted && (_input is null || _input.IsClosed))
        {
            return Task.CompletedTask;
        }

        return _loop.PostAsync(() =>
        {
            _input?.Close();
            _output.Close();
        });
    }
}
