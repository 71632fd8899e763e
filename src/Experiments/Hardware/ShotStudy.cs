using QGan.MLNet.Core.Randomness;
using System.Text.Json;
using QGan.MLNet.Experiments.Measurement;
using QGan.MLNet.Experiments.Runs;
using QGan.MLNet.Transforms.Evaluation;
using QGan.MLNet.Transforms.IO;
using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Quantum.Sampling;
using QGan.MLNet.Quantum.State;
using QGan.MLNet.Trainers.Hardware;

namespace QGan.MLNet.Experiments.Hardware;

/// <summary>Settings of the study of quality against shots (the sweep's <c>hardware</c> key).</summary>
/// <param name="Shots">Shots per circuit (each sample is two circuits, Z and X basis), ascending.</param>
/// <param name="Noise">Device noise model (null: ideal device only).</param>
/// <param name="Trajectories">Noise trajectories per sample and basis.</param>
/// <param name="Seed">Seed of the trajectories and shots.</param>
public sealed record ShotStudySettings(IReadOnlyList<long> Shots, NoiseModel? Noise, int Trajectories, ulong Seed);

/// <summary>
/// RQ4: one quantum generator sampled like hardware at several shot counts, on an ideal device and with a noise model,
/// compared with real data exactly like the noise-free generator (same noise vectors, same sample count).
/// For every sample and basis the outcome distribution is computed once — exactly from the state vector (ideal), or
/// averaged over the noise trajectories (<see cref="TrajectorySimulator.Distribution"/>) — and every shot count draws
/// its shots from it: the trajectories, which dominate the cost, are simulated once rather than once per shot count.
/// Sample i, basis k, shot count j draw from stream (i &lt;&lt; 8 | k &lt;&lt; 4 | j) of a per-mode seed; results do not
/// depend on threads.
/// </summary>
public static class ShotStudy
{
    /// <summary>Bootstrap replicates of the latent-FID intervals (generated samples resampled, the data fixed).</summary>
    public const int BootstrapSamples = 200;

    /// <summary>Two-sided level of the latent-FID intervals.</summary>
    public const double Confidence = 0.95;

    /// <summary>Samples the generator at every shot count and compares the latents with <paramref name="data"/>.</summary>
    /// <param name="generator">A quantum generator with the ZX readout.</param>
    /// <param name="data">The real set (the run's held-out split) in every space.</param>
    /// <param name="maps">Decoder and feature network of <paramref name="data"/>.</param>
    /// <param name="settings">Shots, noise model, trajectories, seed.</param>
    /// <param name="noiseSeed">Seed of the generator's input noise vectors (<see cref="NoiseVectors.Draw"/>).</param>
    public static ShotStudyDepth Run(QuantumGeneratorCircuits generator, SpaceSet data, SpaceMaps maps, ShotStudySettings settings, long noiseSeed)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Shots.Count == 0 || settings.Shots.Any(s => s < 1))
        {
            throw new ArgumentException("the shot study needs positive shot counts", nameof(settings));
        }
        if (settings.Noise is { } model && model.QubitCount != generator.Qubits)
        {
            throw new ArgumentException($"noise model {model.Name} describes {model.QubitCount} qubits, the generator has {generator.Qubits}", nameof(settings));
        }
        int count = data.Count, n = generator.Qubits, width = generator.OutputDimension;
        var noise = NoiseVectors.Draw(count, generator.NoiseDimension, noiseSeed);
        var exact = new float[count * width];
        var ideal = settings.Shots.Select(_ => new float[count * width]).ToArray();
        var noisy = settings.Noise is null ? null : settings.Shots.Select(_ => new float[count * width]).ToArray();
        var simulator = settings.Noise is null ? null : new TrajectorySimulator(settings.Noise, maxDegreeOfParallelism: 1);
        var shotsTotal = new long[settings.Shots.Count];
        Parallel.For(0, count, i =>
        {
            var circuit = generator.Bind(noise[i]);
            var outputs = generator.ExactOutputs(noise[i]);
            for (int k = 0; k < width; k++)
            {
                exact[i * width + k] = (float)outputs[k];
            }
            var pIdeal = new[] { MeasurementBasis.Z, MeasurementBasis.X }.Select(b => IdealDistribution(circuit, b)).ToArray();
            Draw(pIdeal, settings, i, settings.Seed, n, ideal);
            if (simulator is not null)
            {
                ulong stream = (ulong)i << 33;
                var pNoisy = new[]
                {
                    simulator.Distribution(circuit, MeasurementBasis.Z, settings.Trajectories, settings.Seed, stream),
                    simulator.Distribution(circuit, MeasurementBasis.X, settings.Trajectories, settings.Seed, stream | (1UL << 32)),
                };
                Draw(pNoisy, settings, i, settings.Seed ^ 0x6E01_5E00UL, n, noisy!);
            }
        });
        var exactSet = SpaceSet.From(exact, width, maps, "noise-free");
        var dataMoments = GaussianMoments.FromRows(data.Latents, "data");
        ShotStudyPoint Point(long shots, float[] latents, string name)
        {
            var set = SpaceSet.From(latents, width, maps, name);
            double sum = 0, expected = 0;
            for (int j = 0; j < latents.Length; j++)
            {
                double e = exact[j];
                sum += (latents[j] - e) * (latents[j] - e);
                expected += (1 - e * e) / shots;
            }
            return new ShotStudyPoint(shots, Spaces(data, set, maps), Math.Sqrt(sum / latents.Length), Math.Sqrt(expected / latents.Length),
                Spaces(exactSet, set, maps)[QualitySpace.Latent].Fid!.Value)
            {
                LatentFidInterval = Interval(dataMoments, set.Latents, settings.Seed ^ (ulong)shots),
            };
        }
        return new ShotStudyDepth
        {
            Layers = generator.Architecture.Layers,
            Qubits = n,
            Parameters = generator.Manifest.GeneratorParameterCount,
            Samples = count,
            NoiseFree = Spaces(data, exactSet, maps),
            NoiseFreeLatentFidInterval = Interval(dataMoments, exactSet.Latents, settings.Seed),
            Ideal = [.. settings.Shots.Select((s, j) => Point(s, ideal[j], $"ideal-{s}"))],
            Noisy = noisy is null ? null : [.. settings.Shots.Select((s, j) => Point(s, noisy[j], $"noisy-{s}"))],
        };
    }

    /// <summary>
    /// Percentile interval of the latent FID against fixed data moments over bootstrap resamples of the generated
    /// samples: the sampling uncertainty of the generated side at this sample count.
    /// </summary>
    public static double[] Interval(GaussianMoments data, IReadOnlyList<float[]> generated, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(generated);
        var rng = new SeededRandom(seed ^ 0xB007_57A9UL);
        var fids = new double[BootstrapSamples];
        var pick = new float[generated.Count][];
        for (int b = 0; b < fids.Length; b++)
        {
            for (int i = 0; i < pick.Length; i++)
            {
                pick[i] = generated[rng.NextInt(generated.Count)];
            }
            fids[b] = FrechetDistance.Compute(data, GaussianMoments.FromRows(pick, "resample")).Value;
        }
        Array.Sort(fids);
        return [Analysis.Percentile.Of(fids, (1 - Confidence) / 2), Analysis.Percentile.Of(fids, 1 - (1 - Confidence) / 2)];
    }

    private static Dictionary<string, SpaceQuality> Spaces(SpaceSet reference, SpaceSet set, SpaceMaps maps) =>
        RunEvaluator.Compare(reference, set, maps, pixelFid: false).ToDictionary(p => p.Key, p => p.Value);

    private static double[] IdealDistribution(Quantum.Circuits.Circuit circuit, MeasurementBasis basis)
    {
        var state = new StateVector(circuit.QubitCount);
        state.Apply(MeasurementBasisCircuits.WithBasisChange(circuit, basis));
        return OutcomeSampler.Probabilities(state.Amplitudes);
    }

    /// <summary>For every shot count: shots from the Z and X distributions of sample i, turned into the ZX readout.</summary>
    private static void Draw(double[][] distributions, ShotStudySettings settings, int i, ulong seed, int qubits, float[][] into)
    {
        var samplers = distributions.Select(p => new OutcomeSampler(p)).ToArray();
        var histogram = new long[1 << qubits];
        int width = 2 * qubits;
        for (int j = 0; j < settings.Shots.Count; j++)
        {
            var counts = new MeasurementCounts[2];
            for (int b = 0; b < 2; b++)
            {
                Array.Clear(histogram);
                var rng = SeededRandom.ForStream(seed, ((ulong)i << 8) | ((uint)b << 4) | (uint)j);
                samplers[b].Sample(settings.Shots[j], rng, histogram);
                counts[b] = MeasurementCounts.FromHistogram(qubits, histogram);
            }
            var outputs = CountsEstimator.StyleOutputs(counts[0], counts[1]);
            for (int k = 0; k < width; k++)
            {
                into[j][i * width + k] = (float)outputs[k];
            }
        }
    }
}

/// <summary>One shot count of a <see cref="ShotStudyDepth"/>.</summary>
/// <param name="Shots">Shots per circuit (two circuits per sample).</param>
/// <param name="Spaces">FID and JSD against the real data per space.</param>
/// <param name="RmsDeviation">RMS of measured minus exact generator outputs.</param>
/// <param name="ShotNoiseRms">What shot noise alone gives: sqrt(mean (1 - e^2) / shots) over the exact outputs e.</param>
/// <param name="FidToNoiseFree">Latent FID against the noise-free generator's latents (same noise vectors).</param>
public sealed record ShotStudyPoint(long Shots, IReadOnlyDictionary<string, SpaceQuality> Spaces, double RmsDeviation, double ShotNoiseRms, double FidToNoiseFree)
{
    /// <summary>95 % bootstrap interval of the latent FID against the data (<see cref="ShotStudy.Interval"/>).</summary>
    public double[]? LatentFidInterval { get; init; }
}

/// <summary>The shot study of one quantum depth (an entry of <c>shots.json</c>).</summary>
public sealed record ShotStudyDepth
{
    public int Layers { get; init; }

    public int Qubits { get; init; }

    public long Parameters { get; init; }

    /// <summary>Run index of the generator (set by the sweep).</summary>
    public int? Run { get; init; }

    /// <summary>Generated samples (= real samples) per comparison.</summary>
    public int Samples { get; init; }

    /// <summary>The exact generator outputs against the data.</summary>
    public required IReadOnlyDictionary<string, SpaceQuality> NoiseFree { get; init; }

    /// <summary>95 % bootstrap interval of the noise-free latent FID.</summary>
    public double[]? NoiseFreeLatentFidInterval { get; init; }

    public required IReadOnlyList<ShotStudyPoint> Ideal { get; init; }

    /// <summary>With the device noise model (null without one).</summary>
    public IReadOnlyList<ShotStudyPoint>? Noisy { get; init; }
}

/// <summary><c>DIR/shots.json</c>: the shot study of every quantum depth's best run (docs/sweep.md).</summary>
public sealed record ShotStudyFile
{
    public const string FileName = "shots.json";
    public const string CurrentFormat = "qgan-shot-study/1";

    public string Format { get; init; } = CurrentFormat;

    /// <summary>Samples per comparison (the sweep's evaluation size).</summary>
    public int EvalSamples { get; init; }

    public required IReadOnlyList<long> Shots { get; init; }

    /// <summary>Circuits run per generated sample (the Z- and the X-basis circuit).</summary>
    public int CircuitsPerSample { get; init; } = 2;

    /// <summary>Name of the device noise model (null: ideal device only).</summary>
    public string? NoiseModel { get; init; }

    public int? Trajectories { get; init; }

    public ulong Seed { get; init; }

    public required IReadOnlyList<ShotStudyDepth> Depths { get; init; }

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, SweepJson.Options) + "\n");

    public static ShotStudyFile Load(string path) => SweepJson.Load<ShotStudyFile>(path, CurrentFormat, r => r.Format);
}
