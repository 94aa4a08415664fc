using System.Runtime.InteropServices;

namespace HoopOrleans.Processes;

/// <summary>Writes a run's stdin into its non-blocking pipe, as fast as the program reads it.</summary>
internal sealed unsafe class InputFeed(ProcessEventLoop loop, SafeFileDescriptorHandle pipe, byte[] bytes) : LoopInterest(loop, pipe)
{
    private int _written;

    /// <summary>
    /// Writes what the pipe takes now. True when nothing is left to do: everything is written, or
    /// the program closed its stdin without reading it all (that is its choice).
    /// </summary>
    public bool WriteWhatFits()
    {
        fixed (byte* start = bytes)
        {
            while (_written < bytes.Length)
            {
                var written = Libc.write(Descriptor, start + _written, bytes.Length - _written);
                if (written > 0)
                {
                    _written += (int)written;
                    continue;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno == Libc.EINTR)
                {
                    continue;
                }

                return errno != Libc.EAGAIN;
            }
        }

        return true;
    }

    public override void OnReady(uint events)
    {
        if (WriteWhatFits())
        {
            Close();
        }
    }
}
