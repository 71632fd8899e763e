using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Sampling;
using QGan.MLNet.Quantum.Style;

namespace QGan.MLNet.Quantum.Noise;

/// <summary>Settings of a simulated hardware run.</summary>
/// <param name="Shots">Shots per measurement basis (the Z and the X circuit each get this many).</param>
/// <param name="Trajectories">Noise trajectories per basis (capped at <paramref name="Shots"/>); shots are spread evenly over them.</param>
/// <param name="Seed">Seed of every random stream.</param>
/// <param name="MitigateReadout">Undo the model's readout error in the estimates (counts stay raw).</param>
/// <param name="MaxDegreeOfParallelism">Threads for the trajectories (-1 = all cores); results do not depend on it.</param>
public sealed record NoisySamplingOptions(long Shots = 4000, int Trajectories = 256, ulong Seed = 0, bool MitigateReadout = false, int MaxDegreeOfParallelism = -1)
{
    internal void Validate()
    {
        if (Shots < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Shots), Shots, "shots must be >= 1");
        }
        if (Trajectories < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Trajectories), Trajectories, "trajectories must be >= 1");
        }
    }
}

/// <summary>Raw counts of both bases and the generator outputs estimated from them.</summary>
/// <param name="ZCounts">Z-basis counts (with readout error).</param>
/// <param name="XCounts">X-basis counts (with readout error).</param>
/// <param name="Outputs">[&lt;Z_0&gt;..&lt;Z_{n-1}&gt;, &lt;X_0&gt;..&lt;X_{n-1}&gt;] estimated from the counts.</param>
public sealed record NoisyEstimate(MeasurementCounts ZCounts, MeasurementCounts XCounts, double[] Outputs);

/// <summary>
/// Simulated noisy hardware for the style generator: each bound circuit is "executed" twice (Z basis and X basis,
/// as on a device), with gate noise from trajectories and readout error, and the outputs are estimated from the
/// counts exactly as they would be from hardware counts (<see cref="CountsEstimator"/>).
/// Random streams: sample b, basis k (Z = 0, X = 1), trajectory t use stream (b &lt;&lt; 33) | (k &lt;&lt; 32) | t of the seed,
/// so every sample of a batch is reproducible on its own and independent of the thread count.
/// </summary>
public sealed class NoisyStyleSampler
{
    private readonly TrajectorySimulator _simulator;

    /// <summary>A sampler for <paramref name="model"/> with the given shots, trajectories, seed and mitigation (defaults when null).</summary>
    public NoisyStyleSampler(NoiseModel model, NoisySamplingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Options = options ?? new NoisySamplingOptions();
        Options.Validate();
        _simulator = new TrajectorySimulator(model, Options.MaxDegreeOfParallelism);
    }

    /// <summary>The device noise model.</summary>
    public NoiseModel Model => _simulator.Model;

    /// <summary>Shots, trajectories, seed, readout mitigation and parallelism.</summary>
    public NoisySamplingOptions Options { get; }

    /// <summary>Estimates the outputs of a bound circuit; <paramref name="sampleIndex"/> selects its random streams.</summary>
    public NoisyEstimate Estimate(Circuit circuit, ulong sampleIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        if (sampleIndex >= 1UL << 31)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleIndex), sampleIndex, "sample index must be < 2^31");
        }
        var z = _simulator.Sample(circuit, MeasurementBasis.Z, Options.Shots, Options.Trajectories, Options.Seed, sampleIndex << 33);
        var x = _simulator.Sample(circuit, MeasurementBasis.X, Options.Shots, Options.Trajectories, Options.Seed, (sampleIndex << 33) | (1UL << 32));
        var outputs = CountsEstimator.StyleOutputs(z, x, Options.MitigateReadout ? Model.ReadoutErrors : null);
        return new NoisyEstimate(z, x, outputs);
    }

    /// <summary>The style circuit bound to one noise sample, then <see cref="Estimate(Circuit, ulong)"/>.</summary>
    public NoisyEstimate Estimate(StyleArchitecture architecture, ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, ReadOnlySpan<double> noise, ulong sampleIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        CheckReadout(architecture);
        return Estimate(architecture.BuildCircuit(weights, biases, noise), sampleIndex);
    }

    /// <summary>
    /// Generator outputs for a batch of noise samples (row b of <paramref name="noiseBatch"/>, length LatentDim) as a
    /// [batch, 2n] array; sample b uses sample index b.
    /// </summary>
    public double[,] EstimateBatch(StyleArchitecture architecture, ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, double[,] noiseBatch)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(noiseBatch);
        CheckReadout(architecture);
        if (noiseBatch.GetLength(1) != architecture.LatentDim)
        {
            throw new ArgumentException($"noise batch has {noiseBatch.GetLength(1)} columns, expected the latent dimension {architecture.LatentDim}", nameof(noiseBatch));
        }
        int batch = noiseBatch.GetLength(0);
        var result = new double[batch, 2 * architecture.Qubits];
        var row = new double[architecture.LatentDim];
        for (int b = 0; b < batch; b++)
        {
            for (int d = 0; d < row.Length; d++)
            {
                row[d] = noiseBatch[b, d];
            }
            var outputs = Estimate(architecture, weights, biases, row, (ulong)b).Outputs;
            for (int j = 0; j < outputs.Length; j++)
            {
                result[b, j] = outputs[j];
            }
        }
        return result;
    }

    private static void CheckReadout(StyleArchitecture architecture)
    {
        if (architecture.Readout != Readout.ZX)
        {
            throw new NotSupportedException($"noisy sampling estimates the ZX readout only, the architecture uses {architecture.Readout}");
        }
    }
}
