using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.State;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Quantum;
using QGan.MLNet.Trainers.Gan.Training;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Hardware;

/// <summary>
/// A trained quantum generator as plain circuits: the style architecture and its trained weights and biases in
/// double precision, so one noise vector binds to one <see cref="Circuit"/> that a simulator or a device can run.
/// Loaded from a folder written by <c>qgan train</c> (the run folder or its <c>generator/</c> folder).
/// </summary>
public sealed class QuantumGeneratorCircuits
{
    private QuantumGeneratorCircuits(string directory, GeneratorManifest manifest, StyleArchitecture architecture, double[] weights, double[] biases)
    {
        Directory = directory;
        Manifest = manifest;
        Architecture = architecture;
        Weights = weights;
        Biases = biases;
    }

    /// <summary>The generator folder (holding <c>manifest.json</c>).</summary>
    public string Directory { get; }

    /// <summary>The generator's manifest.</summary>
    public GeneratorManifest Manifest { get; }

    /// <summary>The circuit layout.</summary>
    public StyleArchitecture Architecture { get; }

    /// <summary>Trained weight of every encoded gate (float32 training values, widened exactly to double).</summary>
    public double[] Weights { get; }

    /// <summary>Trained bias of every encoded gate.</summary>
    public double[] Biases { get; }

    /// <summary>Number of qubits.</summary>
    public int Qubits => Architecture.Qubits;

    /// <summary>Noise values per sample.</summary>
    public int NoiseDimension => Architecture.LatentDim;

    /// <summary>Width of a generated latent vector (2n for the ZX readout).</summary>
    public int OutputDimension => Architecture.OutputCount;

    /// <summary>Path of the decoder saved beside the generator, or null when it was trained without an autoencoder.</summary>
    public string? DecoderPath => Manifest.Decoder is null ? null : Path.Combine(Directory, Manifest.Decoder);

    /// <summary>
    /// The generator folder of <paramref name="path"/>: the folder itself when it holds <c>manifest.json</c>, else its
    /// <c>generator/</c> subfolder (a <c>qgan train</c> run folder).
    /// </summary>
    public static string ResolveDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!System.IO.Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"model directory {path} does not exist");
        }
        if (File.Exists(Path.Combine(path, TrainedGenerator.ManifestFileName)))
        {
            return path;
        }
        var nested = new GanRunLayout(path).GeneratorDirectory;
        return File.Exists(Path.Combine(nested, TrainedGenerator.ManifestFileName))
            ? nested
            : throw new FileNotFoundException($"{path} holds neither {TrainedGenerator.ManifestFileName} nor a generator/ folder (not a folder written by qgan train)");
    }

    /// <summary>
    /// Loads a quantum generator. A classical generator is rejected (<see cref="NotSupportedException"/>): it has no
    /// circuit to run on a device. Only the ZX readout maps onto the two measured circuits (Z and X basis).
    /// </summary>
    public static QuantumGeneratorCircuits Load(string path)
    {
        var directory = ResolveDirectory(path);
        GeneratorManifest manifest;
        using (var trained = TrainedGenerator.Load(directory))
        {
            manifest = trained.Manifest;
        }
        if (manifest.Kind != GeneratorKind.Quantum)
        {
            throw new NotSupportedException(
                $"{directory} holds a {manifest.Kind.ToString().ToLowerInvariant()} generator; hardware sampling and OpenQASM export need a quantum generator (qgan train --generator quantum)");
        }
        if (manifest.Readout != Readout.ZX)
        {
            throw new NotSupportedException(
                $"{directory}: the generator uses the {manifest.Readout} readout; hardware sampling supports the ZX readout (one Z-basis and one X-basis circuit per sample)");
        }
        var architecture = new StyleArchitecture(manifest.Qubits!.Value, manifest.Layers!.Value, manifest.NoiseDimension, Readout.ZX);
        using var module = new QuantumGenerator(architecture);
        module.load(Path.Combine(directory, TrainedGenerator.WeightsFileName));
        using var scope = NewDisposeScope();
        var weights = module.Weights.detach().to(ScalarType.Float64).data<double>().ToArray();
        var biases = module.Biases.detach().to(ScalarType.Float64).data<double>().ToArray();
        return new QuantumGeneratorCircuits(directory, manifest, architecture, weights, biases);
    }

    /// <summary>Builds from explicit parameters (tests, programmatic use).</summary>
    public static QuantumGeneratorCircuits FromParameters(StyleArchitecture architecture, double[] weights, double[] biases, GeneratorManifest? manifest = null, string directory = "")
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        if (architecture.Readout != Readout.ZX)
        {
            throw new NotSupportedException($"hardware sampling supports the ZX readout, got {architecture.Readout}");
        }
        if (weights.Length != architecture.EncodedGateCount || biases.Length != architecture.EncodedGateCount)
        {
            throw new ArgumentException($"expected {architecture.EncodedGateCount} weights and biases, got {weights.Length} and {biases.Length}");
        }
        manifest ??= new GeneratorManifest
        {
            Kind = GeneratorKind.Quantum, LatentDimension = architecture.OutputCount, NoiseDimension = architecture.LatentDim,
            Qubits = architecture.Qubits, Layers = architecture.Layers, Readout = Readout.ZX, GeneratorParameterCount = architecture.ParameterCount,
        };
        return new QuantumGeneratorCircuits(directory, manifest, architecture, weights, biases);
    }

    /// <summary>The style circuit bound to one noise vector (no measurement).</summary>
    public Circuit Bind(ReadOnlySpan<double> noise)
    {
        if (noise.Length != NoiseDimension)
        {
            throw new ArgumentException($"noise vector has {noise.Length} values, the generator takes {NoiseDimension}", nameof(noise));
        }
        return Architecture.BuildCircuit(Weights, Biases, noise);
    }

    /// <summary>Exact (infinite-shot, noise-free) outputs [&lt;Z_0&gt;.., &lt;X_0&gt;..] of the bound circuit.</summary>
    public double[] ExactOutputs(ReadOnlySpan<double> noise)
    {
        var state = new StateVector(Qubits);
        state.Apply(Bind(noise));
        var outputs = new double[2 * Qubits];
        for (int q = 0; q < Qubits; q++)
        {
            outputs[q] = state.ExpectationZ(q);
            outputs[Qubits + q] = state.ExpectationX(q);
        }
        return outputs;
    }
}
