using TorchSharp;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Gan.Models;

/// <summary>A generator network: noise [B, <see cref="NoiseDimension"/>] -&gt; [B, <see cref="OutputDimension"/>].</summary>
public interface IGenerator
{
    /// <summary>Noise values per sample.</summary>
    int NoiseDimension { get; }

    /// <summary>Latent values per sample.</summary>
    int OutputDimension { get; }

    /// <summary>Trainable parameter count (the capacity compared in the paper).</summary>
    long ParameterCount { get; }
}
