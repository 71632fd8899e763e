using QGan.MLNet.Transforms.Sampling;
using System.Diagnostics;
using QGan.MLNet.Trainers.Gan.Checkpoints;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Quantum;
using TorchSharp;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Gan.Training;

/// <summary>
/// WGAN-GP (Gulrajani et al. 2017) in latent space: <see cref="GanTrainingOptions.CriticSteps"/> critic updates on
/// E[D(fake)] - E[D(real)] + lambda E[(|grad D(x_hat)| - 1)^2] (x_hat on random interpolates), then one generator
/// update on -E[D(G(z))]. Deterministic for a seed: parameters are initialised from a private torch generator, and
/// batches, noise and interpolation factors come from <see cref="SamplingRng"/>, whose state is checkpointed.
/// </summary>
public sealed class WganGpTrainer : IDisposable
{
    private readonly GanTrainingOptions _options;
    private readonly LatentDataSet _data;
    private readonly LatentDataSet? _heldOut;
    private readonly IGanQualityEvaluator? _evaluator;
    private readonly GanRunLayout? _layout;
    private readonly optim.Optimizer _generatorOptimizer;
    private readonly optim.Optimizer _criticOptimizer;
    private readonly string _configHash;
    private readonly string _dataFingerprint;
    private readonly MetricsLog _metrics;
    private SamplingRng _rng;
    private int? _lastCheckpoint;

    /// <param name="options">Run configuration (validated here).</param>
    /// <param name="data">Training latents.</param>
    /// <param name="layout">Run directory for metrics and checkpoints; null trains in memory only.</param>
    /// <param name="heldOut">Held-out latents for the quality metrics (needed with <paramref name="evaluator"/>).</param>
    /// <param name="evaluator">Quality hook called at every metrics row.</param>
    /// <param name="backend">Quantum simulator backend (batched SIMD adjoint backend when null).</param>
    public WganGpTrainer(
        GanTrainingOptions options, LatentDataSet data, GanRunLayout? layout = null,
        LatentDataSet? heldOut = null, IGanQualityEvaluator? evaluator = null, IStyleCircuitBackend? backend = null)
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
        _generatorOptimizer = optim.Adam(Generator.parameters(), options.GeneratorLearningRate, options.Beta1, options.Beta2);
        _criticOptimizer = optim.Adam(Critic.parameters(), options.CriticLearningRate, options.Beta1, options.Beta2);
        _rng = new SamplingRng(unchecked((ulong)options.Seed));
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
        if (Iteration == 0 && _evaluator is not null && _metrics.Rows.Count == 0)
        {
            _metrics.Append(WithQuality(new TrainingMetrics { Iteration = 0 }));
        }
        while (Iteration < _options.Iterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int iteration = Iteration + 1;
            BeforeIteration?.Invoke(iteration);
            var step = RunIteration(iteration);
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
            if (iteration % _options.CheckpointInterval == 0 || iteration == _options.Iterations)
            {
                SaveCheckpoint();
            }
        }
    }

    /// <summary>
    /// A standalone copy of the current generator (its own module, in eval mode) with its manifest, for inference
    /// and saving; it stays valid after this trainer is disposed.
    /// </summary>
    public TrainedGenerator ExportGenerator(string? decoderFileName = null)
    {
        var manifest = GeneratorManifest.From(
            _options, _data.Width, ((IGenerator)Generator).ParameterCount, Critic.ParameterCount, Iteration) with { Decoder = decoderFileName };
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            Generator.save(writer);
        }
        buffer.Position = 0;
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

    /// <summary>Quality of the current generator on the held-out set (null without evaluator).</summary>
    public GanQuality? EvaluateQuality()
    {
        if (_evaluator is null || _heldOut is null)
        {
            return null;
        }
        var generated = Sample(_heldOut.Rows, new SamplingRng(unchecked((ulong)_options.Seed) ^ 0x5EED_E7A1UL));
        return _evaluator.Evaluate(_heldOut.Values, generated, _heldOut.Width);
    }

    /// <summary>Generates <paramref name="count"/> latents (row-major) in inference mode with the given noise source.</summary>
    public float[] Sample(int count, SamplingRng noiseRng)
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
        return q is null ? row : row with { LatentFid = q.LatentFid, LatentJsd = q.LatentJsd, PixelFid = q.PixelFid, PixelJsd = q.PixelJsd };
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
        _rng = SamplingRng.FromState(header.RngState);
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
        var header = new GanCheckpoint.Header(_configHash, _dataFingerprint, Iteration, _rng.GetState());
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
        var interpolates = (eps * real + (1 - eps) * fake).detach().requires_grad_(true);
        var interpolatedScore = Critic.forward(interpolates);
        var gradients = torch.autograd.grad(
            [interpolatedScore], [interpolates], [torch.ones_like(interpolatedScore)], retain_graph: true, create_graph: true)[0];
        var penalty = (gradients.norm(1, keepdim: false, p: 2) - 1).square().mean();
        var loss = fakeScore - realScore + _options.GradientPenaltyWeight * penalty;

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
            sumSquares += p.grad!.to(ScalarType.Float64).square().sum().item<double>();
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

    private Tensor NoiseBatch(int count, SamplingRng rng)
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
    }
}
