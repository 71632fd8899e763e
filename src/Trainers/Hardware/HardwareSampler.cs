using QGan.MLNet.Core.Limits;
using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Quantum.Sampling;

namespace QGan.MLNet.Trainers.Hardware;

/// <summary>Settings of a simulated device run of a quantum generator.</summary>
/// <param name="Shots">Shots per circuit (each sample runs a Z-basis and an X-basis circuit with this many shots).</param>
/// <param name="Noise">Device noise model (gate noise via trajectories, readout error); null = ideal device, shot noise only.</param>
/// <param name="Trajectories">Noise trajectories per circuit (ignored without a noise model).</param>
/// <param name="Seed">Seed of all shot and trajectory randomness.</param>
/// <param name="MitigateReadout">Undo the model's readout error in the estimates (needs a noise model).</param>
public sealed record HardwareSamplingOptions(long Shots = 4000, NoiseModel? Noise = null, int Trajectories = 128, ulong Seed = 0, bool MitigateReadout = false)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid option (qubits of the device model checked against <paramref name="qubits"/>).</summary>
    public void Validate(int qubits)
    {
        SizeLimits.Check(Shots, 1, SizeLimits.MaxShots, nameof(Shots));
        SizeLimits.Check(Trajectories, 1, SizeLimits.MaxTrajectories, nameof(Trajectories));
        if (Noise is not null && Noise.QubitCount != qubits)
        {
            throw new ArgumentException($"noise model '{Noise.Name}' describes {Noise.QubitCount} qubits, the generator has {qubits}");
        }
        if (MitigateReadout && Noise is null)
        {
            throw new ArgumentException("readout mitigation needs a noise model (its readout errors)");
        }
    }
}

/// <summary>Counts of one sample's two circuits and the generator output estimated from them.</summary>
public sealed record SampleCounts(int Index, MeasurementCounts Z, MeasurementCounts X, double[] Outputs);

/// <summary>
/// Runs a quantum generator the way a device does: every noise vector binds one circuit, measured with finite shots
/// in the Z basis and (after H on every qubit) in the X basis, optionally with gate and readout noise; outputs come
/// from the counts through <see cref="CountsEstimator"/>, exactly as hardware counts would be turned into latents.
/// Sample i uses its own random streams (a pure function of the seed and i), so results do not depend on batching
/// or threads.
/// </summary>
public sealed class HardwareSampler
{
    private readonly QuantumGeneratorCircuits _generator;
    private readonly NoisyStyleSampler? _noisy;

    /// <summary>A sampler of <paramref name="generator"/>'s circuits with shots, noise model and seeds from <paramref name="options"/>.</summary>
    public HardwareSampler(QuantumGeneratorCircuits generator, HardwareSamplingOptions options)
    {
        _generator = generator ?? throw new ArgumentNullException(nameof(generator));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate(generator.Qubits);
        if (options.Noise is not null)
        {
            _noisy = new NoisyStyleSampler(options.Noise, new NoisySamplingOptions(options.Shots, options.Trajectories, options.Seed, options.MitigateReadout));
        }
    }

    /// <summary>The sampling options.</summary>
    public HardwareSamplingOptions Options { get; }

    /// <summary>Runs sample <paramref name="index"/> (its random streams) on <paramref name="noise"/>.</summary>
    public SampleCounts Run(int index, ReadOnlySpan<double> noise)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var circuit = _generator.Bind(noise);
        if (_noisy is not null)
        {
            var e = _noisy.Estimate(circuit, (ulong)index);
            return new SampleCounts(index, e.ZCounts, e.XCounts, e.Outputs);
        }
        // Ideal device: exact state, then shots; the per-sample seed is drawn from stream i of the run seed.
        ulong seed = SeededRandom.ForStream(Options.Seed, (ulong)index).NextUInt64();
        var estimate = ShotEstimator.Estimate(circuit, Options.Shots, seed);
        return new SampleCounts(index, estimate.ZCounts, estimate.XCounts, estimate.Outputs);
    }

    /// <summary>All samples in order; <paramref name="progress"/> receives the number finished.</summary>
    public IReadOnlyList<SampleCounts> RunAll(IReadOnlyList<double[]> noise, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(noise);
        var results = new SampleCounts[noise.Count];
        if (_noisy is not null)
        {
            // The trajectory simulator already spreads one circuit over all cores.
            for (int i = 0; i < results.Length; i++)
            {
                results[i] = Run(i, noise[i]);
                progress?.Report(i + 1);
            }
            return results;
        }
        int done = 0;
        Parallel.For(0, results.Length, i =>
        {
            results[i] = Run(i, noise[i]);
            progress?.Report(Interlocked.Increment(ref done));
        });
        return results;
    }
}
