using QGan.MLNet.Core.Randomness;
using System.Diagnostics;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Measurement;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Quantum;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Experiments.Runs;

/// <summary>
/// Runs one run of a sweep — <c>qgan train</c>'s code path (<see cref="WganGpTrainer"/> on the seeded splits,
/// <see cref="Trainers.Gan.Evaluation.GanQualityEvaluator"/> at every metrics row, exported generator + decoder) — in
/// <c>DIR/runs/I</c>, then evaluates the reported generator in every quality space (<see cref="RunEvaluator"/>) and
/// measures its training and inference cost. A finished run (result.json present) is returned as is; an unfinished one
/// resumes from its checkpoint. Divergence is a finished run with status <c>diverged</c>; any other failure is a
/// crash: it leaves no result.json (the next attempt retries the run from its checkpoint) but writes <c>crash.json</c>
/// with the cause. One executor can run many runs: the data and models it loads are shared (<see cref="SweepInputs"/>).
/// </summary>
public sealed class SweepRunExecutor(SweepConfig config, SweepLayout layout) : IDisposable
{
    /// <summary>Synthetic data is generated with this seed for every run, so all runs see the same patches.</summary>
    public const ulong SyntheticDataSeed = 1;

    private SweepInputs? _inputs;

    public SweepConfig Config { get; } = config ?? throw new ArgumentNullException(nameof(config));

    public SweepLayout Layout { get; } = layout ?? throw new ArgumentNullException(nameof(layout));

    /// <summary>CPU threads of each run (<see cref="GanTrainingOptions.Threads"/>: libtorch and the quantum simulator); 1 by default.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>The data and models shared by this executor's runs.</summary>
    public SweepInputs Inputs => _inputs ??= new SweepInputs(Config, Layout);

    /// <summary>Runs (or resumes) run <paramref name="index"/>; returns its result and whether this call trained.</summary>
    public (SweepRunResult Result, bool Trained) Run(int index, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var spec = Config.Run(index);
        if (Layout.IsFinished(index))
        {
            return (SweepRunResult.Load(Layout.ResultPath(index)), false);
        }
        var options = Config.Options(spec) with { Threads = Threads };
        options.Validate();
        var runLayout = Layout.Run(index);
        Directory.CreateDirectory(runLayout.Directory);
        using var runLock = AcquireLock(index);
        if (Layout.IsFinished(index))
        {
            return (SweepRunResult.Load(Layout.ResultPath(index)), false); // finished while we waited for the lock
        }
        var log = new RunLog(Layout.LogPath(index));
        var clock = Stopwatch.StartNew();
        log.Write($"start run {index}: {spec.Generator.Label}, critic width {spec.CriticWidth} x {spec.CriticDepth}, seed {spec.Seed}" +
            $", learning rates {spec.GeneratorLearningRate:G4} / {spec.CriticLearningRate:G4}{(spec.Autoencoder is null ? "" : $", autoencoder {spec.Autoencoder}")}");
        var attempt = new Attempt();
        try
        {
            var result = Train(spec, options, runLayout, log, clock, attempt, progress, cancellationToken);
            result.Save(Layout.ResultPath(index));
            File.Delete(Layout.CrashPath(index)); // an earlier attempt's crash is history now
            return (result, true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.Write($"{RunLog.FailedPrefix}{ex.GetType().Name}: {ex.Message}");
            new SweepRunCrash
            {
                Index = index,
                Error = SweepRunCrash.Describe(ex),
                Iteration = attempt.Iteration,
                WallSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
                CrashedUtc = DateTime.UtcNow,
            }.Save(Layout.CrashPath(index));
            throw;
        }
    }

    /// <summary>What an attempt reached before it stopped (for the crash record).</summary>
    private sealed class Attempt
    {
        public int? Iteration { get; set; }
    }

    private SweepRunResult Train(
        SweepRunSpec spec, GanTrainingOptions options, GanRunLayout runLayout, RunLog log, Stopwatch clock, Attempt attempt,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var inputs = Inputs;
        var splits = inputs.Splits(spec.Autoencoder, spec.Seed);
        var maps = inputs.Maps(spec.Autoencoder);
        var ae = inputs.Autoencoder(spec.Autoencoder);
        // Metrics rows measure the latent space only (test and validation splits): decoding every row's samples would
        // cost more than training in small runs; the decoded spaces are measured once, at the end (RunEvaluator).
        var evaluator = new Trainers.Gan.Evaluation.GanQualityEvaluator();
        using var trainer = new WganGpTrainer(options, splits.Train, runLayout, splits.Test, evaluator, backend: null, splits.Validation);
        var record = new SweepRunRecord
        {
            Index = spec.Index,
            Generator = spec.Generator,
            CriticHidden = options.CriticHidden,
            Seed = spec.Seed,
            GeneratorParameters = ((IGenerator)trainer.Generator).ParameterCount,
            CriticParameters = trainer.Critic.ParameterCount,
            Options = options,
            Data = Config.Data,
            Autoencoder = spec.Autoencoder,
            HeldOut = splits.Test.Rows,
            ConfigHash = options.ConfigHash(),
        };
        record.Save(Layout.RunJsonPath(spec.Index));

        string status = SweepRunStatus.Completed;
        string? divergence = null;
        try
        {
            trainer.Train(resume: true, progress, cancellationToken);
        }
        catch (TrainingDivergedException ex)
        {
            status = SweepRunStatus.Diverged;
            divergence = ex.Message;
            log.Write($"diverged: {ex.Message}");
        }
        finally
        {
            attempt.Iteration = trainer.Iteration;
        }
        if (trainer.ResumedFrom is int from)
        {
            log.Write($"resumed from the checkpoint at iteration {from}");
        }
        RunEvaluation? evaluation = null;
        double? inference = null;
        if (status == SweepRunStatus.Completed)
        {
            using var exported = trainer.ExportGenerator(maps.Decoder is null ? null : AutoencoderOnnx.DecoderFileName);
            exported.Save(runLayout.GeneratorDirectory);
            if (ae is not null)
            {
                AtomicFile.WriteAllBytes(Path.Combine(runLayout.GeneratorDirectory, AutoencoderOnnx.DecoderFileName), ae.Decoder.Bytes);
            }
            evaluation = RunEvaluator.Evaluate(exported, inputs.RealSet(spec.Autoencoder, spec.Seed), maps,
                new EvaluationSettings(Config.Evaluation.FidInfinity, Config.Evaluation.PixelFid == "all"), spec.Seed);
            var noise = new SeededRandom(0);
            inference = InferenceTiming.SecondsPerSample(count => trainer.Sample(count, noise));
        }
        string stop = status == SweepRunStatus.Diverged ? "diverged" : trainer.StopReason == TrainingStopReason.Plateau ? "plateau" : "budget";
        log.Write($"finished: {status} ({stop}) at iteration {trainer.Iteration} after {clock.Elapsed.TotalSeconds:F1} s");
        return new SweepRunResult
        {
            Index = spec.Index,
            Status = status,
            Iterations = trainer.Iteration,
            ResumedFrom = trainer.ResumedFrom,
            Divergence = divergence,
            WallSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
            FinishedUtc = DateTime.UtcNow,
            StopReason = stop,
            BestIteration = status == SweepRunStatus.Completed ? trainer.ReportedIteration : null,
            SecondsPerIteration = trainer.CpuSecondsPerIteration,
            InferenceSecondsPerSample = inference,
            Evaluation = evaluation,
        };
    }

    /// <summary>
    /// An exclusive lock on <c>runs/I/.lock</c> (flock on Unix, released by the OS when the process dies), so two
    /// processes (a local worker and a Slurm task, or two executors) never train the same run at once.
    /// </summary>
    private FileStream AcquireLock(int index)
    {
        var path = Path.Combine(Layout.RunDirectory(index), ".lock");
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException($"run {index} is being trained by another process ({path} is locked)", ex);
        }
    }

    public void Dispose() => _inputs?.Dispose();
}
