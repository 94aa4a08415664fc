namespace HoopOrleans.Processes;

/// <summary>A reference that keeps a <see cref="SafeFileDescriptorHandle"/> open until disposed.</summary>
internal readonly ref struct DescriptorLease
{
    private readonly SafeFileDescriptorHandle _owner;

    public DescriptorLease(SafeFileDescriptorHandle owner)
    {
        var added = false;
        owner.DangerousAddRef(ref added);
        _owner = owner;
        Number = (int)owner.DangerousGetHandle();
    }

    /// <summary>The descriptor's number, valid until this lease is disposed.</summary>
    public int Number { get; }

    public void Dispose() => _owner?.DangerousRelease();
}
