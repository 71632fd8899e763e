using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Quantum.Sampling;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Gan.Quantum;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Transforms.Evaluation;

namespace QGan.MLNet.Experiments.Execution;

/// <summary>The measured per-unit costs behind an estimate (seconds of one core).</summary>
/// <param name="Iteration">Seconds per training iteration, per (generator label, critic width).</param>
/// <param name="SamplePerRow">Generator inference seconds per sample, per generator label.</param>
/// <param name="DecodePerRow">Autoencoder decoding seconds per latent (0 without an autoencoder).</param>
/// <param name="FidSeconds">One latent FID + JSD of two evaluation-size sets.</param>
/// <param name="TrajectoryPerLayer">One noise trajectory of one 12-qubit basis circuit, per style layer (0 without a shot study).</param>
public sealed record SweepUnitCosts(
    IReadOnlyDictionary<(string Generator, int Critic), double> Iteration, IReadOnlyDictionary<string, double> SamplePerRow,
    double DecodePerRow, double FidSeconds, double TrajectoryPerLayer);

/// <summary>An estimate of a sweep's cost before anything starts (docs/sweep.md, "Cost estimate").</summary>
/// <param name="Runs">Runs in the grid.</param>
/// <param name="TrainingCoreSeconds">Training iterations at their budget (with early stopping: an upper bound).</param>
/// <param name="EvaluationCoreSeconds">Metrics rows, end-of-run evaluations and inference timing.</param>
/// <param name="PostPassCoreSeconds">Noise floor, best cells' pixel FID and the shot study.</param>
/// <param name="LongestRunSeconds">The costliest single run (a lower bound of the wall clock whatever the workers).</param>
/// <param name="Units">The measured unit costs.</param>
public sealed record SweepCostEstimateResult(
    int Runs, double TrainingCoreSeconds, double EvaluationCoreSeconds, double PostPassCoreSeconds, double LongestRunSeconds, SweepUnitCosts Units)
{
    public double CoreSeconds => TrainingCoreSeconds + EvaluationCoreSeconds + PostPassCoreSeconds;

    public double CoreHours => CoreSeconds / 3600;

    /// <summary>Wall clock on <paramref name="workers"/> one-thread workers: the work spread evenly, but never less than the longest run.</summary>
    public double WallSeconds(int workers) => Math.Max(LongestRunSeconds, (TrainingCoreSeconds + EvaluationCoreSeconds) / Math.Max(1, workers)) + PostPassCoreSeconds / Math.Max(1, workers);
}

/// <summary>
/// Estimates what a sweep costs from costs measured on this machine, on one thread, before any run starts (CPU time of
/// the process, which is the cost on one core and does not grow with other load; the caller sets one libtorch thread): every
/// (generator, critic) pair of the grid trains a few iterations on random latents of the sweep's width (after two
/// warm-up iterations); generator sampling, decoding, one FID and (for the shot study) one noise trajectory are timed
/// once. The model (docs/sweep.md):
/// run = iterations x t_iteration(g, c) + (iterations / metricsInterval + 2) x [2 n t_sample(g) + 2 t_FID]
/// + end evaluation [n t_sample(g) (2 n with FID-infinity) + n t_decode + t_FID] + inference timing [6 x 256 t_sample(g)],
/// with n the evaluation size; the post-pass adds the noise floor, the best cells' pixel FIDs and, with a shot study,
/// n x 2 bases x trajectories x L x t_trajectory per quantum depth. Iterations are the budget: with early stopping the
/// estimate is an upper bound. The worker start and data loading (a few seconds per worker) are not included.
/// </summary>
public static class SweepCostEstimate
{
    /// <summary>Timed iterations per (generator, critic) pair after the warm-up.</summary>
    public const int ProbeIterations = 4;

    public static SweepCostEstimateResult Estimate(SweepConfig config, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var units = Measure(config, log);
        return Model(config, units);
    }

    /// <summary>The cost model applied to measured unit costs (separate so it can be checked by hand).</summary>
    public static SweepCostEstimateResult Model(SweepConfig config, SweepUnitCosts units)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(units);
        int n = EvaluationRows(config);
        var t = config.Training;
        double training = 0, evaluation = 0, longest = 0;
        foreach (var run in config.Runs())
        {
            var label = run.Generator.Label;
            double sample = units.SamplePerRow[label];
            double perEvaluation = 2 * n * sample + 2 * units.FidSeconds;
            double end = n * sample * (config.Evaluation.FidInfinity ? 2 : 1) + n * units.DecodePerRow + units.FidSeconds
                + (Measurement.InferenceTiming.Repeats + 1) * Measurement.InferenceTiming.BatchSize * sample;
            double trainSeconds = t.Iterations * units.Iteration[(label, run.CriticWidth)];
            double evalSeconds = (t.Iterations / (double)(t.MetricsInterval ?? GanDefaults.For(GeneratorKind.Classical).MetricsInterval) + 2) * perEvaluation + end;
            training += trainSeconds;
            evaluation += evalSeconds;
            longest = Math.Max(longest, trainSeconds + evalSeconds);
        }
        int autoencoders = Math.Max(1, config.AutoencoderList().Count);
        double post = autoencoders * config.Seeds.Count * (2 * n * units.DecodePerRow + units.FidSeconds);
        if (config.Hardware is { } hardware && config.Generators.Quantum is { } quantum && hardware.NoiseModel is not null)
        {
            post += quantum.Layers.Sum(l => n * 2.0 * hardware.Trajectories * l * units.TrajectoryPerLayer);
        }
        return new SweepCostEstimateResult(config.RunCount, training, evaluation, post, longest, units);
    }

    private static int EvaluationRows(SweepConfig config) =>
        config.HeldOut ?? Math.Min(1000, (config.Data.Synthetic ?? 5000) / 5);

    private static SweepUnitCosts Measure(SweepConfig config, Action<string>? log)
    {
        int width = LatentWidth(config);
        int n = EvaluationRows(config);
        var random = new SeededRandom(1);
        int batch = config.Training.BatchSize ?? GanDefaults.For(GeneratorKind.Classical).BatchSize;
        var latents = new LatentDataSet([.. Enumerable.Range(0, Math.Max(256, batch) * width).Select(_ => (float)(random.NextDouble() * 2 - 1))], width, "probe");
        var iteration = new Dictionary<(string, int), double>();
        var sample = new Dictionary<string, double>();
        // The first pair is probed twice and its first probe discarded: the runtime compiles the training code then.
        var pairs = config.GeneratorGrid().SelectMany(g => config.Critic.Widths.Select(c => (Generator: g, Critic: c))).ToList();
        bool warmUp = true;
        foreach (var (generator, critic) in pairs.Take(1).Concat(pairs))
        {
            {
                var spec = new SweepRunSpec(0, generator, critic, config.Critic.Depth, 1)
                {
                    GeneratorLearningRate = config.LearningRates(generator.Kind)[0].Generator,
                    CriticLearningRate = config.LearningRates(generator.Kind)[0].Critic,
                };
                var options = config.Options(spec) with { Iterations = ProbeIterations + 2, EarlyStop = null, MetricsInterval = 1_000_000 };
                var backend = options.Generator == GeneratorKind.Quantum
                    ? new SimdStyleBackend(options.Architecture(), options.QuantumGradient, 1, options.QuantumPrecision)
                    : null;
                using var trainer = new WganGpTrainer(options, latents, backend: backend);
                var stamps = new List<TimeSpan>();
                trainer.Train(progress: new Stamp(stamps));
                // CPU time of this process (one thread) per iteration: the cost on one core, robust to other load; the
                // median of the timed iterations after the warm-up.
                var perIteration = Enumerable.Range(2, stamps.Count - 2).Select(i => (stamps[i] - stamps[i - 1]).TotalSeconds).Order().ToList();
                double seconds = Analysis.Percentile.Of(perIteration, 0.5);
                iteration[(generator.Label, critic)] = seconds;
                if (!sample.ContainsKey(generator.Label))
                {
                    var rng = new SeededRandom(2);
                    sample[generator.Label] = Measurement.InferenceTiming.SecondsPerSample(count => trainer.Sample(count, rng));
                }
                if (!warmUp)
                {
                    log?.Invoke($"{generator.Label}, critic width {critic}: {seconds * 1000:F1} ms per iteration");
                }
                warmUp = false;
            }
        }
        double decode = 0;
        var aeDir = config.AutoencoderList().Select(a => a.Path).FirstOrDefault(p => p is not null);
        if (aeDir is not null)
        {
            var ml = new Microsoft.ML.MLContext(seed: 0);
            var decoder = new Trainers.Gan.Evaluation.OnnxLatentDecoder(ml, AutoencoderTransformer.Load(ml, aeDir).Decoder);
            var rows = latents.Values.AsSpan(0, 128 * width).ToArray();
            decoder.Decode(rows.AsSpan(0, 8 * width));
            var start = Environment.CpuUsage.TotalTime;
            decoder.Decode(rows);
            decode = (Environment.CpuUsage.TotalTime - start).TotalSeconds / 128;
        }
        var a = Enumerable.Range(0, n).Select(r => latents.Row(r % latents.Rows).ToArray()).ToList();
        var b = Enumerable.Range(0, n).Select(r => latents.Row((r + 7) % latents.Rows).ToArray()).ToList();
        var fidStart = Environment.CpuUsage.TotalTime;
        FrechetDistance.Compute(a, b);
        FeatureHistogramJsd.Compute(a, b);
        double fid = (Environment.CpuUsage.TotalTime - fidStart).TotalSeconds;
        double trajectory = 0;
        if (config.Hardware is { NoiseModel: { } noisePath } && config.Generators.Quantum is { } q)
        {
            var model = NoiseModelJson.Load(noisePath);
            var arch = new StyleArchitecture(q.Qubits, 1, config.Training.NoiseDimension ?? GanDefaults.For(GeneratorKind.Quantum).NoiseDimension, SweepConfig.ParseReadout(q.Readout));
            var p = Quantum.Parameters.StyleParameters.Random(arch, 3);
            Circuit circuit = arch.BuildCircuit(p.Weights, p.Biases, p.Noise);
            var simulator = new TrajectorySimulator(model, maxDegreeOfParallelism: 1);
            simulator.Distribution(circuit, MeasurementBasis.Z, 1, 1);
            var start = Environment.CpuUsage.TotalTime;
            simulator.Distribution(circuit, MeasurementBasis.Z, 4, 2);
            trajectory = (Environment.CpuUsage.TotalTime - start).TotalSeconds / 4;
        }
        return new SweepUnitCosts(iteration, sample, decode, fid, trajectory);
    }

    private static int LatentWidth(SweepConfig config)
    {
        if (config.Generators.Quantum is { } q)
        {
            return new StyleArchitecture(q.Qubits, 1, 1, SweepConfig.ParseReadout(q.Readout)).OutputCount;
        }
        if (config.AutoencoderList().Select(a => a.Path).FirstOrDefault(p => p is not null) is { } dir)
        {
            var path = Path.Combine(dir, AutoencoderModelInfo.FileName);
            return AutoencoderModelInfo.FromJson(File.ReadAllText(path), path).Architecture.LatentSize;
        }
        if (config.Data.Latents is { } csv)
        {
            return File.ReadLines(csv).First(l => l.Trim().Length > 0).Split(',').Length;
        }
        return AutoencoderArchitecture.Compact.LatentSize;
    }

    private sealed class Stamp(List<TimeSpan> stamps) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => stamps.Add(Environment.CpuUsage.TotalTime);
    }
}
