namespace QGan.MLNet.Quantum.Kernels;

/// <summary>
/// A fixed-size array of doubles whose first element is 64-byte aligned (one cache line, one AVX-512 register),
/// so vector loads never split a cache line. Backed by a pinned managed array: no native memory to free, and the
/// address never moves, so kernels can keep raw pointers to it.
/// </summary>
internal sealed unsafe class AlignedBuffer
{
    private const int AlignmentBytes = 64;
    private readonly double[] _storage;
    private readonly int _offset;

    public AlignedBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        _storage = GC.AllocateArray<double>(length + AlignmentBytes / sizeof(double), pinned: true);
        fixed (double* p = _storage)
        {
            long misalignment = (long)p % AlignmentBytes;
            _offset = misalignment == 0 ? 0 : (int)((AlignmentBytes - misalignment) / sizeof(double));
        }
    }

    public int Length { get; }

    /// <summary>Pointer to element 0 (stable: the backing array lives on the pinned object heap).</summary>
    public double* Pointer
    {
        get
        {
            fixed (double* p = _storage)
            {
                return p + _offset;
            }
        }
    }

    public Span<double> Span => _storage.AsSpan(_offset, Length);

    public void Clear() => Span.Clear();
}
