namespace QGan.MLNet.Quantum.Kernels;

/// <summary>
/// A fixed-size array of <typeparamref name="T"/> (double or float) whose first element is 64-byte aligned (one cache line, one AVX-512 register),
/// so vector loads never split a cache line. Buffers of one page (4 KiB) or more start on a page boundary and own
/// every page they touch. Backed by a pinned managed array: no native memory to free, and the address never moves,
/// so kernels can keep raw pointers to it.
/// </summary>
/// <remarks>
/// Why whole pages: hardware prefetchers run ahead of a streaming loop up to the end of the current 4 KiB page.
/// Pinned arrays are packed back to back, so without the padding the end of one worker thread's state vector shared
/// a page with the start of another's: each core's prefetcher kept pulling lines the other core was writing, and
/// both paid for the lost lines on every gate. On the 2-vCPU machine this made two threads run each gate 10-50 %
/// slower than one thread (12-qubit gate kernel, depending on how the runners' buffers happened to interleave),
/// the per-process "slow mode" of docs/quantum-engine.md; page-owned buffers run at one-thread speed on both.
/// </remarks>
internal sealed unsafe class AlignedBuffer<T>
    where T : unmanaged
{
    /// <summary>Cache line and widest vector, in bytes.</summary>
    public const int LineBytes = 64;

    /// <summary>The granularity hardware prefetchers stay within (also where the OS uses larger pages).</summary>
    public const int PageBytes = 4096;

    private readonly T[] _storage;
    private readonly int _offset;

    public AlignedBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        long bytes = (long)length * sizeof(T);
        int alignment = bytes >= PageBytes ? PageBytes : LineBytes;
        // Round the extent up to whole alignment units, so the buffer also ends on a boundary; then one more unit
        // of slack to move the start onto a boundary.
        long paddedBytes = (bytes + alignment - 1) / alignment * alignment;
        _storage = GC.AllocateArray<T>(checked((int)((paddedBytes + alignment) / sizeof(T))), pinned: true);
        fixed (T* p = _storage)
        {
            long misalignment = (long)p % alignment;
            _offset = misalignment == 0 ? 0 : (int)((alignment - misalignment) / sizeof(T));
        }
    }

    public int Length { get; }

    /// <summary>Pointer to element 0 (stable: the backing array lives on the pinned object heap).</summary>
    public T* Pointer
    {
        get
        {
            fixed (T* p = _storage)
            {
                return p + _offset;
            }
        }
    }

    public Span<T> Span => _storage.AsSpan(_offset, Length);

    public void Clear() => Span.Clear();
}
