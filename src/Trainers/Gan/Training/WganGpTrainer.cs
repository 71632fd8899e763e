using System.Diagnostics;
using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Trainers.Gan.Checkpoints;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Quantum;
using QGan.MLNet.Transforms.Evaluation;
using QGan.MLNet.Trainers.Runtime.ScalarSafe;
using ScalarSafe = QGan.MLNet.Trainers.Runtime.ScalarSafe;
using TorchSharp;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Gan.Training;

/// <summary>
/// WGAN-GP (Gulrajani et al. 2017) in latent space: <see cref="GanTrainingOptions.CriticSteps"/> critic updates on
/// E[D(fake)] - E[D(real)] + lambda E[(|grad D(x_hat)| - 1)^2] (x_hat on random interpolates), then one generator
/// update on -E[D(G(z))]. Deterministic for a seed: parameters are initialised from a private torch generator, and
/// batches, noise and interpolation factors come from <see cref="SeededRandom"/>, whose state is checkpointed.
/// With a validation split, every metrics row also measures the latent FID on it; the lowest one and its generator are
/// tracked (and checkpointed), and <see cref="GanTrainingOptions.EarlyStop"/> stops training on a plateau of it.
/// Every Scalar that a native call reads is held by this trainer (or <see cref="HeldScalars"/>) for the whole call:
/// no arithmetic operator with a .NET number and no convenience overload that creates a Scalar implicitly (see
/// docs/gan-training.md, "Native object lifetimes").
/// </summary>
public sealed class WganGpTrainer : IDisposable
{
    private readonly GanTrainingOptions _options;
    private readonly LatentDataSet _data;
    private readonly LatentDataSet? _heldOut;
    private readonly LatentDataSet? _validation;
    private GaussianMoments? _validationMoments;
    private ValidationState _validationState = ValidationState.Initial;
    private double _iterationSeconds;
    private double _iterationCpuSeconds;
    private int _iterationsTimed;
    private readonly IGanQualityEvaluator? _evaluator;
    private readonly GanRunLayout? _layout;
    private readonly optim.Optimizer _generatorOptimizer;
    private readonly optim.Optimizer _criticOptimizer;
    private readonly string _configHash;
    private readonly string _dataFingerprint;
    private readonly MetricsLog _metrics;
    private readonly Scalar _penaltyWeight;
    private SeededRandom _rng;
    private int? _lastCheckpoint;

    /// <param name="options">Run configuration (validated here).</param>
    /// <param name="data">Training latents.</param>
    /// <param name="layout">Run directory for metrics and checkpoints; null trains in memory only.</param>
    /// <param name="heldOut">Held-out latents for the quality metrics (needed with <paramref name="evaluator"/>).</param>
    /// <param name="evaluator">Quality hook called at every metrics row.</param>
    /// <param name="backend">Quantum simulator backend (batched SIMD adjoint backend when null).</param>
    /// <param name="validation">
    /// Validation latents (disjoint from <paramref name="heldOut"/>): the latent FID on them selects the reported generator
    /// and drives early stopping, so the held-out FID stays an unbiased measurement. Required with
    /// <see cref="GanTrainingOptions.EarlyStop"/>.
    /// </param>
    public WganGpTrainer(
        GanTrainingOptions options, LatentDataSet data, GanRunLayout? layout = null,
        LatentDataSet? heldOut = null, IGanQualityEvaluator? evaluator = null, IStyleCircuitBackend? backend = null,
        LatentDataSet? validation = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        options.Validate();
        if (evaluator is not null && heldOut is null)
        {
            throw new ArgumentException("a quality evaluator needs a held-out data set", nameof(heldOut));
        }
        if (heldOut is not null && heldOut.Width != data.Width)
        {
            throw new ArgumentException($"held-out latents have width {heldOut.Width}, training latents {data.Width}", nameof(heldOut));
        }
        if (validation is not null && validation.Width != data.Width)
        {
            throw new ArgumentException($"validation latents have width {validation.Width}, training latents {data.Width}", nameof(validation));
        }
        if (options.EarlyStop is not null && validation is null)
        {
            throw new ArgumentException("early stopping needs a validation split (the held-out split must stay unbiased)", nameof(validation));
        }
        _validation = validation;
        _options = options;
        _data = data;
        _heldOut = heldOut;
        _evaluator = evaluator;
        _layout = layout;
        _configHash = options.ConfigHash();
        _dataFingerprint = data.Fingerprint();

        // A private generator: parallel code drawing from torch's global one cannot change this run's initial weights.
        using (var init = new torch.Generator(unchecked((ulong)options.Seed)))
        {
            Generator = GeneratorFactory.Create(options, data.Width, backend, init);
            Critic = new Critic(data.Width, options.CriticHidden, options.LeakySlope, generator: init);
        }
        _generatorOptimizer = new ScalarSafe.Adam(Generator.parameters(), options.GeneratorLearningRate, options.Beta1, options.Beta2);
        _criticOptimizer = new ScalarSafe.Adam(Critic.parameters(), options.CriticLearningRate, options.Beta1, options.Beta2);
        _penaltyWeight = options.GradientPenaltyWeight.ToScalar();
        _rng = new SeededRandom(unchecked((ulong)options.Seed));
        _metrics = new MetricsLog(layout?.MetricsPath);
    }

    /// <summary>The validated training options.</summary>
    public GanTrainingOptions Options => _options;

    /// <summary>The generator being trained.</summary>
    public nn.Module<Tensor, Tensor> Generator { get; }

    /// <summary>The critic being trained.</summary>
    public Critic Critic { get; }

    /// <summary>Generator iterations completed so far.</summary>
    public int Iteration { get; private set; }

    /// <summary>The metrics rows so far.</summary>
    public IReadOnlyList<TrainingMetrics> Metrics => _metrics.Rows;

    /// <summary>Iteration of the checkpoint a resumed run started from (null for a fresh run).</summary>
    public int? ResumedFrom { get; private set; }

    /// <summary>Why training ended: <see cref="TrainingStopReason.Plateau"/> when early stopping stopped it.</summary>
    public TrainingStopReason StopReason =>
        _options.EarlyStop is { } stop && _validationState.EvaluationsWithoutImprovement >= stop.Patience ? TrainingStopReason.Plateau : TrainingStopReason.Budget;

    /// <summary>Lowest validation FID seen so far (null without a validation split or before the first evaluation).</summary>
    public double? BestValidationFid => _validationState.BestIteration >= 0 ? _validationState.BestFid : null;

    /// <summary>Iteration of <see cref="BestValidationFid"/> (null without it).</summary>
    public int? BestIteration => _validationState.BestIteration >= 0 ? _validationState.BestIteration : null;

    /// <summary>
    /// Iteration of the generator <see cref="ExportGenerator"/> returns: the best one with early stopping, else the
    /// current one.
    /// </summary>
    public int ReportedIteration => ReportsBest ? _validationState.BestIteration : Iteration;

    /// <summary>
    /// Mean wall-clock seconds of one generator iteration (its critic steps included; metrics, evaluations and
    /// checkpoints excluded) over the iterations this trainer ran; null before the first.
    /// </summary>
    public double? SecondsPerIteration => _iterationsTimed > 0 ? _iterationSeconds / _iterationsTimed : null;

    /// <summary>
    /// Mean CPU seconds of this process per generator iteration (same iterations as <see cref="SecondsPerIteration"/>).
    /// With one thread (libtorch and the quantum simulator) this is the iteration's cost on one core, and unlike the
    /// wall clock it does not grow when other processes share the cores.
    /// </summary>
    public double? CpuSecondsPerIteration => _iterationsTimed > 0 ? _iterationCpuSeconds / _iterationsTimed : null;

    private bool ReportsBest => _options.EarlyStop is not null && _validationState.BestGenerator is not null;

    /// <summary>Test hook: called before each iteration (1-based) to inject faults.</summary>
    internal Action<int>? BeforeIteration { get; set; }

    /// <summary>
    /// Trains up to <see cref="GanTrainingOptions.Iterations"/>. With <paramref name="resume"/> and a checkpoint in the
    /// run directory, continues from it (ending exactly where an uninterrupted run ends); without it, refuses to
    /// overwrite an existing run.
    /// </summary>
    public void Train(bool resume = false, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        // libtorch's thread count is process-wide: set for this run, restored afterwards.
        int previousThreads = torch.get_num_threads();
        torch.set_num_threads(_options.Threads > 0 ? _options.Threads : Environment.ProcessorCount);
        try
        {
            TrainLoop(resume, progress, cancellationToken);
        }
        finally
        {
            torch.set_num_threads(previousThreads);
        }
    }

    private void TrainLoop(bool resume, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        StartOrResume(resume);
        if (Iteration == 0 && (_evaluator is not null || _validation is not null) && _metrics.Rows.Count == 0)
        {
            _metrics.Append(WithQuality(new TrainingMetrics { Iteration = 0 }));
        }
        while (Iteration < _options.Iterations && StopReason != TrainingStopReason.Plateau)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int iteration = Iteration + 1;
            BeforeIteration?.Invoke(iteration);
            long start = Stopwatch.GetTimestamp();
            var cpuStart = Environment.CpuUsage.TotalTime;
            var step = RunIteration(iteration);
            _iterationSeconds += Stopwatch.GetElapsedTime(start).TotalSeconds;
            _iterationCpuSeconds += (Environment.CpuUsage.TotalTime - cpuStart).TotalSeconds;
            _iterationsTimed++;
            Iteration = iteration;
            progress?.Report(new TrainingProgress(iteration, _options.Iterations, step.CriticLoss, step.GeneratorLoss, step.Wasserstein));
            if (iteration == 1 || iteration % _options.MetricsInterval == 0 || iteration == _options.Iterations)
            {
                _metrics.Append(WithQuality(new TrainingMetrics
                {
                    Iteration = iteration,
                    CriticLoss = step.CriticLoss,
                    WassersteinEstimate = step.Wasserstein,
                    GradientPenalty = step.GradientPenalty,
                    GeneratorLoss = step.GeneratorLoss,
                    CriticGradNorm = step.CriticGradNorm,
                    GeneratorGradNorm = step.GeneratorGradNorm,
                    ElapsedSeconds = clock.Elapsed.TotalSeconds,
                }));
            }
            if (iteration % _options.CheckpointInterval == 0 || iteration == _options.Iterations || StopReason == TrainingStopReason.Plateau)
            {
                SaveCheckpoint();
            }
        }
    }

    /// <summary>
    /// A standalone copy of the reported generator (its own module, in eval mode) with its manifest, for inference
    /// and saving; it stays valid after this trainer is disposed. With early stopping it is the generator with the
    /// lowest validation FID (<see cref="ReportedIteration"/>), otherwise the current one.
    /// </summary>
    public TrainedGenerator ExportGenerator(string? decoderFileName = null)
    {
        var manifest = GeneratorManifest.From(
            _options, _data.Width, ((IGenerator)Generator).ParameterCount, Critic.ParameterCount, ReportedIteration) with { Decoder = decoderFileName };
        using var buffer = new MemoryStream(ReportsBest ? _validationState.BestGenerator! : CaptureGenerator());
        var module = GeneratorFactory.Create(manifest.ToOptions(), manifest.LatentDimension);
        using (var reader = new BinaryReader(buffer))
        {
            module.load(reader);
        }
        return new TrainedGenerator(module, manifest);
    }

    /// <summary>Runs exactly one generator iteration (with its critic steps), without metrics or checkpoints (benchmarks).</summary>
    internal void TrainOneIteration()
    {
        int iteration = Iteration + 1;
        RunIteration(iteration);
        Iteration = iteration;
    }

    /// <summary>Latent FID of the current generator on the validation split (null without one).</summary>
    public double? EvaluateValidation()
    {
        if (_validation is null)
        {
            return null;
        }
        // Its own fixed noise stream, independent of the held-out evaluation's.
        var generated = Sample(_validation.Rows, new SeededRandom(unchecked((ulong)_options.Seed) ^ 0x7A11_DA7EUL));
        _validationMoments ??= GaussianMoments.FromRows(Rows(_validation.Values, _validation.Width), "validation");
        var fake = GaussianMoments.FromRows(Rows(generated, _validation.Width), "generated");
        return FrechetDistance.Compute(_validationMoments, fake).Value;
    }

    private static IEnumerable<float[]> Rows(float[] values, int width)
    {
        for (int r = 0; r < values.Length / width; r++)
        {
            yield return values.AsSpan(r * width, width).ToArray();
        }
    }

    private byte[] CaptureGenerator()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            Generator.save(writer);
        }
        return buffer.ToArray();
    }

    /// <summary>Quality of the current generator on the held-out set (null without evaluator).</summary>
    public GanQuality? EvaluateQuality()
    {
        if (_evaluator is null || _heldOut is null)
        {
            return null;
        }
        var generated = Sample(_heldOut.Rows, new SeededRandom(unchecked((ulong)_options.Seed) ^ 0x5EED_E7A1UL));
        return _evaluator.Evaluate(_heldOut.Values, generated, _heldOut.Width);
    }

    /// <summary>Generates <paramref name="count"/> latents (row-major) in inference mode with the given noise source.</summary>
    public float[] Sample(int count, SeededRandom noiseRng)
    {
        ArgumentNullException.ThrowIfNull(noiseRng);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Generator.eval();
        try
        {
            var noise = NoiseBatch(count, noiseRng);
            return Generator.forward(noise).to(ScalarType.Float32).contiguous().data<float>().ToArray();
        }
        finally
        {
            Generator.train();
        }
    }

    private TrainingMetrics WithQuality(TrainingMetrics row)
    {
        var q = EvaluateQuality();
        if (q is not null)
        {
            row = row with { LatentFid = q.LatentFid, LatentJsd = q.LatentJsd, PixelFid = q.PixelFid, PixelJsd = q.PixelJsd };
        }
        if (EvaluateValidation() is double validationFid)
        {
            row = row with { ValidationFid = validationFid };
            _validationState = _validationState.Observe(row.Iteration, validationFid, _options.EarlyStop?.MinImprovement ?? 0, CaptureGenerator);
        }
        return row;
    }

    private void StartOrResume(bool resume)
    {
        if (Iteration > 0)
        {
            return; // continuing in the same process (Train called again with more iterations)
        }
        if (_layout is null)
        {
            if (resume)
            {
                throw new ArgumentException("resume needs a run directory");
            }
            return;
        }
        var path = _layout.CheckpointPath;
        if (!File.Exists(path))
        {
            // Killed before the first checkpoint: nothing to resume, start fresh (stale metrics are dropped).
            _metrics.LoadExisting(-1);
            return;
        }
        if (!resume)
        {
            throw new ArgumentException(
                $"{_layout.Directory} already holds a training run ({path}); pass --resume to continue it or choose another output directory");
        }
        var header = GanCheckpoint.Load(path, _configHash, _dataFingerprint, Generator, Critic, _generatorOptimizer, _criticOptimizer);
        _rng = SeededRandom.FromState(header.RngState);
        // A checkpoint without validation state (format 1, or written without a validation split) starts the tracking afresh.
        _validationState = _validation is null ? ValidationState.Initial : header.Validation ?? ValidationState.Initial;
        Iteration = header.Iteration;
        ResumedFrom = header.Iteration;
        _lastCheckpoint = header.Iteration;
        _metrics.LoadExisting(header.Iteration);
        _metrics.Flush();
    }

    private void SaveCheckpoint()
    {
        if (_layout is null)
        {
            return;
        }
        var header = new GanCheckpoint.Header(_configHash, _dataFingerprint, Iteration, _rng.GetState(), _validation is null ? null : _validationState);
        GanCheckpoint.Save(_layout.CheckpointPath, header, Generator, Critic, _generatorOptimizer, _criticOptimizer);
        _lastCheckpoint = Iteration;
    }

    private readonly record struct StepResult(
        double CriticLoss, double Wasserstein, double GradientPenalty, double GeneratorLoss, double CriticGradNorm, double GeneratorGradNorm);

    private StepResult RunIteration(int iteration)
    {
        double criticLoss = 0, wasserstein = 0, penalty = 0, criticNorm = 0;
        for (int c = 0; c < _options.CriticSteps; c++)
        {
            (criticLoss, wasserstein, penalty, criticNorm) = CriticStep(iteration);
        }
        var (generatorLoss, generatorNorm) = GeneratorStep(iteration);
        return new StepResult(criticLoss, wasserstein, penalty, generatorLoss, criticNorm, generatorNorm);
    }

    private (double Loss, double Wasserstein, double Penalty, double GradNorm) CriticStep(int iteration)
    {
        using var scope = torch.NewDisposeScope();
        int b = _options.BatchSize;
        var real = RealBatch(b);
        Tensor fake;
        using (torch.no_grad())
        {
            fake = Generator.forward(NoiseBatch(b, _rng)).detach();
        }
        var eps = UniformColumn(b);

        var realScore = Critic.forward(real).mean();
        var fakeScore = Critic.forward(fake).mean();
        // eps * real + (1 - eps) * fake, with held Scalars (the operators would create temporary ones).
        var realPart = eps.mul(real);
        var fakePart = eps.neg().add(HeldScalars.One, HeldScalars.One).mul(fake);
        var interpolates = realPart.add(fakePart, HeldScalars.One).detach().requires_grad_(true);
        var interpolatedScore = Critic.forward(interpolates);
        var gradients = torch.autograd.grad(
            [interpolatedScore], [interpolates], [torch.ones_like(interpolatedScore)], retain_graph: true, create_graph: true)[0];
        // mean((|grad| - 1)^2)
        var penalty = gradients.norm(1, keepdim: false, p: 2).sub(HeldScalars.One).pow(HeldScalars.Two).mean();
        // E[D(fake)] - E[D(real)] + lambda * penalty
        var loss = fakeScore.sub(realScore).add(penalty.mul(_penaltyWeight), HeldScalars.One);

        double lossValue = loss.item<float>();
        double wasserstein = (realScore - fakeScore).item<float>();
        double penaltyValue = penalty.item<float>();
        Check(iteration, "critic loss", lossValue);
        Check(iteration, "Wasserstein estimate", wasserstein);
        Check(iteration, "gradient penalty", penaltyValue);

        _criticOptimizer.zero_grad();
        loss.backward();
        double norm = ClipGradients(Critic.parameters(), _options.CriticMaxGradNorm);
        Check(iteration, "critic gradient norm", norm);
        _criticOptimizer.step();
        return (lossValue, wasserstein, penaltyValue, norm);
    }

    private (double Loss, double GradNorm) GeneratorStep(int iteration)
    {
        using var scope = torch.NewDisposeScope();
        var fake = Generator.forward(NoiseBatch(_options.BatchSize, _rng));
        var loss = -Critic.forward(fake).mean();
        double lossValue = loss.item<float>();
        Check(iteration, "generator loss", lossValue);

        _generatorOptimizer.zero_grad();
        loss.backward();
        double norm = ClipGradients(Generator.parameters(), _options.GeneratorMaxGradNorm);
        Check(iteration, "generator gradient norm", norm);
        _generatorOptimizer.step();
        // The generator loss also left gradients on the critic; the next critic step zeroes them before use.
        return (lossValue, norm);
    }

    /// <summary>Global L2 norm of the gradients before clipping; scales them to <paramref name="maxNorm"/> when larger.</summary>
    private static double ClipGradients(IEnumerable<TorchSharp.Modules.Parameter> parameters, double maxNorm)
    {
        var list = parameters.Where(p => p.grad is not null).ToList();
        double sumSquares = 0;
        foreach (var p in list)
        {
            sumSquares += p.grad!.to(ScalarType.Float64).pow(HeldScalars.Two).sum().item<double>();
        }
        double norm = Math.Sqrt(sumSquares);
        if (double.IsFinite(maxNorm) && double.IsFinite(norm))
        {
            torch.nn.utils.clip_grad_norm_(list, maxNorm);
        }
        return norm;
    }

    private void Check(int iteration, string quantity, double value)
    {
        if (!double.IsFinite(value) || Math.Abs(value) > _options.ExplosionThreshold)
        {
            throw new TrainingDivergedException(iteration, quantity, value, _options.ExplosionThreshold, _lastCheckpoint);
        }
    }

    private Tensor RealBatch(int count)
    {
        int width = _data.Width;
        var values = new float[count * width];
        for (int i = 0; i < count; i++)
        {
            _data.Row(_rng.NextInt(_data.Rows)).CopyTo(values.AsSpan(i * width, width));
        }
        return torch.tensor(values, [count, width]);
    }

    private Tensor NoiseBatch(int count, SeededRandom rng)
    {
        int d = _options.NoiseDimension;
        var values = new float[count * d];
        rng.FillNormal(values);
        return torch.tensor(values, [count, d]);
    }

    private Tensor UniformColumn(int count)
    {
        var values = new float[count];
        _rng.FillUniform(values);
        return torch.tensor(values, [count, 1]);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _generatorOptimizer.Dispose();
        _criticOptimizer.Dispose();
        Generator.Dispose();
        Critic.Dispose();
        _penaltyWeight.Dispose();
    }
}
