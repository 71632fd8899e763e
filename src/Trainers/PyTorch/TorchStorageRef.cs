namespace QGan.MLNet.Trainers.PyTorch;

/// <summary>
/// A storage named by a persistent id in the pickle: its key (a zip entry name, or the legacy format's root
/// key), element type and element count, and the element offset of a legacy storage view into its root.
/// </summary>
internal sealed record TorchStorageRef(string Key, TorchDType DType, long ElementCount, long ViewOffset, long ViewLength);

/// <summary>A tensor as the pickle describes it, before its storage bytes are read: <c>storage[offset]</c> with sizes and strides.</summary>
internal sealed record TorchTensorRef(TorchStorageRef Storage, long Offset, long[] Size, long[] Stride);
