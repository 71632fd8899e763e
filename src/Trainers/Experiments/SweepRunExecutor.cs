using System.Diagnostics;
using Microsoft.ML;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Gan.Data;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Trainers.Experiments;

/// <summary>
/// Runs one run of a sweep — exactly <c>qgan train</c>'s code path (<see cref="LatentSources"/>, seeded held-out
/// split, <see cref="GanQualityEvaluator"/>, <see cref="WganGpTrainer"/>, exported generator + decoder) — in
/// <c>DIR/runs/I</c>. A finished run (result.json present) is returned as is; an unfinished one resumes from its
/// checkpoint. Divergence is a finished run with status <c>diverged</c>; any other failure leaves no result.json.
/// </summary>
public sealed class SweepRunExecutor(SweepConfig config, SweepLayout layout)
{
    /// <summary>Synthetic data is generated with this seed for every run, so all runs see the same patches.</summary>
    public const ulong SyntheticDataSeed = 1;

    public SweepConfig Config { get; } = config ?? throw new ArgumentNullException(nameof(config));

    public SweepLayout Layout { get; } = layout ?? throw new ArgumentNullException(nameof(layout));

    /// <summary>CPU threads of each run (<see cref="GanTrainingOptions.Threads"/>); 1 by default.</summary>
    public int Threads { get; init; } = 1;

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
        log.Write($"start run {index}: {spec.Generator.Label}, critic width {spec.CriticWidth} x {spec.CriticDepth}, seed {spec.Seed}");
        try
        {
            var result = Train(spec, options, runLayout, log, clock, progress, cancellationToken);
            result.Save(Layout.ResultPath(index));
            return (result, true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.Write($"failed: {ex.GetType().Name}: {ex.Message}");
            throw;
        }
    }

    private SweepRunResult Train(
        SweepRunSpec spec, GanTrainingOptions options, GanRunLayout runLayout, RunLog log, Stopwatch clock,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var ml = new MLContext(seed: 0);
        var data = Config.Data;
        var ae = data.Autoencoder is null ? null : AutoencoderTransformer.Load(ml, data.Autoencoder);
        var all = LoadLatents(ml, ae, data);
        if (ae is not null && ae.Encoder.LatentSize != all.Width)
        {
            throw new InvalidDataException($"{all.Source}: latents have {all.Width} values, the autoencoder's decoder takes {ae.Encoder.LatentSize}");
        }
        int heldOutRows = Config.HeldOut ?? Math.Min(1000, all.Rows / 5);
        var (train, heldOut) = LatentSources.SplitHeldOut(all, heldOutRows, options.Seed);
        var decoder = ae is null ? null : new OnnxLatentDecoder(ml, ae.Decoder);
        var evaluator = new GanQualityEvaluator(decoder);

        using var trainer = new WganGpTrainer(options, train, runLayout, heldOut, evaluator);
        var record = new SweepRunRecord
        {
            Index = spec.Index,
            Generator = spec.Generator,
            CriticHidden = options.CriticHidden,
            Seed = spec.Seed,
            GeneratorParameters = ((IGenerator)trainer.Generator).ParameterCount,
            CriticParameters = trainer.Critic.ParameterCount,
            Options = options,
            Data = data,
            HeldOut = heldOutRows,
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
        if (trainer.ResumedFrom is int from)
        {
            log.Write($"resumed from the checkpoint at iteration {from}");
        }
        if (status == SweepRunStatus.Completed)
        {
            using var exported = trainer.ExportGenerator(decoder is null ? null : AutoencoderOnnx.DecoderFileName);
            exported.Save(runLayout.GeneratorDirectory);
            if (ae is not null)
            {
                AtomicFile.WriteAllBytes(Path.Combine(runLayout.GeneratorDirectory, AutoencoderOnnx.DecoderFileName), ae.Decoder.Bytes);
            }
        }
        log.Write($"finished: {status} at iteration {trainer.Iteration} after {clock.Elapsed.TotalSeconds:F1} s");
        return new SweepRunResult
        {
            Index = spec.Index,
            Status = status,
            Iterations = trainer.Iteration,
            ResumedFrom = trainer.ResumedFrom,
            Divergence = divergence,
            WallSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
            FinishedUtc = DateTime.UtcNow,
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

    private static LatentDataSet LoadLatents(MLContext ml, AutoencoderTransformer? ae, SweepData data)
    {
        if (data.Latents is not null)
        {
            return LatentSources.ReadCsv(data.Latents);
        }
        if (data.Synthetic is int n)
        {
            return LatentSources.Encode(ae!, ml.QGan().Data.Synthetic(n, SyntheticDataSeed), $"synthetic({n})");
        }
        return LatentSources.Encode(ae!, ml.QGan().Data.LoadSat4(data.Path!, Sat4Schema.TrainSplit), data.Path!);
    }
}
