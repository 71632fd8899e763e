using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Quantum.Sampling;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Trainers.Hardware;

/// <summary>A hardware report and the measured latents it describes (one row per sample).</summary>
public sealed record HardwareResult(HardwareReport Report, IReadOnlyList<double[]> Latents, IReadOnlyList<double[]> Exact);

/// <summary>
/// The two ways to get measured latents of a quantum generator — simulate the device, or read counts a device
/// returned — and their evaluation into a <see cref="HardwareReport"/>.
/// </summary>
public static class HardwareRun
{
    /// <summary>Draws <paramref name="count"/> noise vectors (seed <paramref name="noiseSeed"/>), samples them like hardware and evaluates.</summary>
    public static HardwareResult Simulate(QuantumGeneratorCircuits generator, HardwareSamplingOptions options, int count, long noiseSeed,
        LatentDataSet? data = null, ILatentDecoder? decoder = null, bool pixelFid = false, string name = "simulation", IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var sampler = new HardwareSampler(generator, options);
        var noise = NoiseVectors.Draw(count, generator.NoiseDimension, noiseSeed);
        var measured = sampler.RunAll(noise, progress);
        var latents = measured.Select(m => m.Outputs).ToArray();
        var exact = noise.Select(v => generator.ExactOutputs(v)).ToArray();
        var shots = measured.Select(m => Math.Min(m.Z.Shots, m.X.Shots)).ToArray();
        var comparison = HardwareEvaluator.Evaluate(latents, exact, shots, data, decoder, pixelFid);
        var report = new HardwareReport
        {
            Name = name,
            Source = "simulation",
            Model = Path.GetFullPath(generator.Directory.Length == 0 ? "." : generator.Directory),
            Generator = HardwareGeneratorInfo.From(generator),
            Count = count,
            NoiseSeed = noiseSeed,
            Shots = options.Shots,
            TotalShots = measured.Sum(m => m.Z.Shots + m.X.Shots),
            NoiseModel = options.Noise?.Name,
            Trajectories = options.Noise is null ? null : options.Trajectories,
            SamplingSeed = options.Seed,
            MitigateReadout = options.MitigateReadout,
            Headline = HardwareHeadline.From(comparison),
            Comparison = comparison,
        };
        return new HardwareResult(report, latents, exact);
    }

    /// <summary>
    /// Turns measured counts of exported circuits into latents (<see cref="CountsEstimator"/>, optionally readout-mitigated)
    /// and evaluates them against the exact generator on the same noise vectors and against data.
    /// </summary>
    public static HardwareResult FromCounts(QuantumGeneratorCircuits generator, IReadOnlyList<double[]> noise, IReadOnlyList<MeasuredSample> samples,
        LatentDataSet? data = null, ILatentDecoder? decoder = null, bool pixelFid = false, NoiseModel? mitigate = null, string name = "counts", long? noiseSeed = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(samples);
        if (mitigate is not null && mitigate.QubitCount != generator.Qubits)
        {
            throw new ArgumentException($"noise model '{mitigate.Name}' describes {mitigate.QubitCount} qubits, the generator has {generator.Qubits}");
        }
        if (samples.Count < 2)
        {
            throw new InvalidDataException($"need counts of at least 2 samples to evaluate, got {samples.Count}");
        }
        var latents = new double[samples.Count][];
        var exact = new double[samples.Count][];
        var shots = new long[samples.Count];
        for (int i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            if (s.Index >= noise.Count)
            {
                throw new InvalidDataException($"sample {s.Index} has counts but there are only {noise.Count} noise vectors");
            }
            latents[i] = CountsEstimator.StyleOutputs(s.Z, s.X, mitigate?.ReadoutErrors);
            exact[i] = generator.ExactOutputs(noise[s.Index]);
            shots[i] = Math.Min(s.Z.Shots, s.X.Shots);
        }
        var comparison = HardwareEvaluator.Evaluate(latents, exact, shots, data, decoder, pixelFid);
        var report = new HardwareReport
        {
            Name = name,
            Source = "counts",
            Model = Path.GetFullPath(generator.Directory.Length == 0 ? "." : generator.Directory),
            Generator = HardwareGeneratorInfo.From(generator),
            Count = samples.Count,
            NoiseSeed = noiseSeed,
            Shots = shots.Min(),
            TotalShots = samples.Sum(s => s.Z.Shots + s.X.Shots),
            NoiseModel = null,
            MitigateReadout = mitigate is not null,
            Headline = HardwareHeadline.From(comparison),
            Comparison = comparison,
        };
        return new HardwareResult(report, latents, exact);
    }
}
