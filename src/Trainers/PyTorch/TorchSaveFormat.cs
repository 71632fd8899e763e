namespace QGan.MLNet.Trainers.PyTorch;

/// <summary>Which of <c>torch.save</c>'s two container formats a file uses.</summary>
public enum TorchSaveFormat
{
    /// <summary>A zip archive with <c>data.pkl</c> and one entry per storage (PyTorch 1.6 and later, the default).</summary>
    Zip,

    /// <summary>Pickles and raw storages back to back (before PyTorch 1.6, e.g. pytorch-fid's published Inception weights).</summary>
    Legacy,
}
