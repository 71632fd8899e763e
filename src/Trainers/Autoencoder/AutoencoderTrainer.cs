using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using QGan.MLNet.Trainers.Runtime;
using QGan.MLNet.Trainers.Runtime.ScalarSafe;
using ScalarSafe = QGan.MLNet.Trainers.Runtime.ScalarSafe;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Autoencoder;

/// <summary>
/// Trains a <see cref="ConvAutoencoder"/> with MSE loss and AdamW. Deterministic for a given seed (with one libtorch
/// thread): the weights are drawn from a private <see cref="torch.Generator"/> seeded with the seed (torch's
/// process-wide generator is neither seeded nor relied on), the validation split and the per-epoch shuffles come
/// from <see cref="TrainingOrder"/>, and no other randomness is used. Every step runs in its own dispose scope.
/// With <see cref="AutoencoderTrainingOptions.CheckpointPath"/> set, each epoch ends with an atomic checkpoint and
/// <c>resume: true</c> continues from it exactly.
/// </summary>
public sealed class AutoencoderTrainer
{
    private const int EvaluationBatchSize = 256;

    /// <summary>A trainer for <paramref name="architecture"/> with <paramref name="options"/> (both validated).</summary>
    public AutoencoderTrainer(AutoencoderArchitecture architecture, AutoencoderTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(options);
        architecture.Validate();
        options.Validate();
        Architecture = architecture;
        Options = options;
    }

    /// <summary>The network.</summary>
    public AutoencoderArchitecture Architecture { get; }

    /// <summary>The training options.</summary>
    public AutoencoderTrainingOptions Options { get; }

    /// <summary>Trains on <paramref name="data"/> (seeded split, validation each epoch, checkpoint when configured; <paramref name="resume"/> continues from it).</summary>
    public AutoencoderTrainingResult Train(AutoencoderDataset data, IProgress<AutoencoderProgress>? progress = null,
        bool resume = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var a = Architecture;
        if (data.Channels != a.InputChannels || data.Height != a.ImageSize || data.Width != a.ImageSize)
        {
            throw new ArgumentException(
                $"{data.Source}: images are {data.Channels}x{data.Height}x{data.Width} but the autoencoder expects {a.InputChannels}x{a.ImageSize}x{a.ImageSize}.");
        }
        if (Options.Threads is { } threads)
        {
            torch.set_num_threads(threads);
        }

        var (trainIndices, validationIndices) = Split(data.Count);
        var configHash = ConfigHash(data);
        var baseline = MeanImageBaseline(data, trainIndices, validationIndices.Length > 0 ? validationIndices : trainIndices);

        // The initial weights come from a private generator seeded with Options.Seed: reproducible even when other
        // code in the process draws from torch's global generator at the same time. (The constructor's own default
        // initialisation draws from the global generator; ResetParameters overwrites every value it drew.)
        var model = new ConvAutoencoder(a);
        using (var generator = new torch.Generator(unchecked((ulong)Options.Seed)))
        {
            model.ResetParameters(generator);
        }
        try
        {
            using var optimizer = new ScalarSafe.AdamW(model.parameters(), lr: Options.LearningRate, weightDecay: Options.WeightDecay);
            var scheduler = new LearningRateScheduler(Options);
            var history = new List<AutoencoderEpochMetrics>();
            var best = double.PositiveInfinity;
            var bestEpoch = 0;
            var badEpochs = 0;
            var stopped = false;
            byte[] bestState = [];
            var startEpoch = 0;

            if (resume && Options.CheckpointPath is { } checkpointPath && File.Exists(checkpointPath))
            {
                var checkpoint = AutoencoderCheckpoint.Load(checkpointPath);
                var h = checkpoint.Header;
                if (h.ConfigHash != configHash)
                {
                    throw new InvalidDataException(
                        $"Checkpoint '{checkpointPath}' was written for a different configuration or data set (hash {h.ConfigHash}, this run {configHash}); delete it or train without --resume.");
                }
                LoadState(model, checkpoint.ModelState);
                using (var reader = new BinaryReader(new MemoryStream(checkpoint.OptimizerState)))
                {
                    optimizer.load_state_dict(reader);
                }
                history.AddRange(h.History);
                (best, bestEpoch, badEpochs, stopped, startEpoch) = (h.BestValidationMse, h.BestEpoch, h.EpochsWithoutImprovement, h.StoppedEarly, h.EpochsCompleted);
                scheduler.State = h.Scheduler;
                bestState = checkpoint.BestModelState;
            }
            var resumedFrom = startEpoch;

            for (var epoch = startEpoch; epoch < Options.Epochs && !stopped; epoch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var clock = Stopwatch.StartNew();
                var rate = scheduler.RateForEpoch(epoch);
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = rate;
                }

                var trainMse = TrainEpoch(model, optimizer, data, trainIndices, epoch, rate, progress, cancellationToken);
                var validationMse = validationIndices.Length > 0 ? Evaluate(model, data, validationIndices) : trainMse;
                scheduler.EpochFinished(validationMse);

                if (validationMse < best - Options.EarlyStoppingMinDelta)
                {
                    best = validationMse;
                    bestEpoch = epoch + 1;
                    badEpochs = 0;
                    bestState = SaveState(model);
                }
                else
                {
                    badEpochs++;
                }
                stopped = Options.EarlyStoppingPatience > 0 && badEpochs >= Options.EarlyStoppingPatience;

                var metrics = new AutoencoderEpochMetrics(epoch + 1, trainMse, validationMse, rate, clock.Elapsed.TotalSeconds);
                history.Add(metrics);
                if (Options.MetricsPath is { } metricsPath)
                {
                    AutoencoderMetricsCsv.Write(metricsPath, history);
                }
                if (Options.CheckpointPath is { } path)
                {
                    new AutoencoderCheckpoint
                    {
                        Header = new CheckpointHeader(configHash, epoch + 1, history, best, bestEpoch, badEpochs, stopped, scheduler.State),
                        ModelState = SaveState(model),
                        OptimizerState = SaveOptimizer(optimizer),
                        BestModelState = bestState,
                    }.Save(path);
                }
                progress?.Report(new AutoencoderProgress(epoch + 1, Options.Epochs, 0, 0, rate, metrics));
            }

            if (Options.RestoreBestWeights && bestState.Length > 0)
            {
                LoadState(model, bestState);
            }
            var finalTrain = Evaluate(model, data, trainIndices);
            var finalValidation = validationIndices.Length > 0 ? Evaluate(model, data, validationIndices) : finalTrain;
            model.eval();
            return new AutoencoderTrainingResult
            {
                Model = model,
                History = history,
                TrainMse = finalTrain,
                ValidationMse = finalValidation,
                MeanImageBaselineMse = baseline,
                BestEpoch = bestEpoch,
                StoppedEarly = stopped && history.Count < Options.Epochs,
                ResumedFromEpoch = resumedFrom,
                TrainCount = trainIndices.Length,
                ValidationCount = validationIndices.Length,
                ConfigHash = configHash,
            };
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Seeded split (<see cref="TrainingOrder.Split"/>): the last <c>ValidationFraction</c> of a permutation is held out.</summary>
    internal (int[] Train, int[] Validation) Split(int count) => TrainingOrder.Split(count, Options.ValidationFraction, Options.Seed, "images");

    private double TrainEpoch(ConvAutoencoder model, optim.Optimizer optimizer, AutoencoderDataset data, int[] trainIndices,
        int epoch, double rate, IProgress<AutoencoderProgress>? progress, CancellationToken cancellationToken)
    {
        model.train();
        // The order of epoch e depends only on (seed, e), so a resumed run shuffles exactly like an uninterrupted one.
        var order = TrainingOrder.ForEpoch(trainIndices, Options.Seed, epoch);
        var batchSize = Math.Min(Options.BatchSize, order.Length);
        // A trailing batch of one sample is dropped: BatchNorm cannot normalise a single sample in training mode.
        var batches = order.Length / batchSize + (order.Length % batchSize >= 2 ? 1 : 0);
        var buffer = new float[batchSize * data.ImageLength];
        double sum = 0;
        long seen = 0;
        for (var b = 0; b < batches; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = b * batchSize;
            var size = Math.Min(batchSize, order.Length - start);
            for (var i = 0; i < size; i++)
            {
                data.Image(order[start + i]).CopyTo(buffer.AsSpan(i * data.ImageLength));
            }
            using (var scope = torch.NewDisposeScope())
            {
                // torch.tensor copies the first size*C*H*W values of the reused buffer into native memory.
                var x = torch.tensor(buffer, [size, data.Channels, data.Height, data.Width]);
                var loss = nn.functional.mse_loss(model.forward(x), x);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                sum += loss.item<float>() * (double)size;
                seen += size;
            }
            progress?.Report(new AutoencoderProgress(epoch + 1, Options.Epochs, b + 1, batches, rate, null));
        }
        return sum / seen;
    }

    /// <summary>Per-value MSE of the reconstructions in eval mode.</summary>
    internal static double Evaluate(ConvAutoencoder model, AutoencoderDataset data, int[] indices)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        double sum = 0;
        var buffer = new float[Math.Min(EvaluationBatchSize, indices.Length) * data.ImageLength];
        for (var start = 0; start < indices.Length; start += EvaluationBatchSize)
        {
            var size = Math.Min(EvaluationBatchSize, indices.Length - start);
            for (var i = 0; i < size; i++)
            {
                data.Image(indices[start + i]).CopyTo(buffer.AsSpan(i * data.ImageLength));
            }
            using var scope = torch.NewDisposeScope();
            var x = torch.tensor(buffer, [size, data.Channels, data.Height, data.Width]);
            sum += (model.forward(x) - x).pow(HeldScalars.Two).sum().to_type(ScalarType.Float64).item<double>();
        }
        return sum / ((double)indices.Length * data.ImageLength);
    }

    /// <summary>MSE of predicting the mean training image for every image of <paramref name="targets"/>.</summary>
    internal static double MeanImageBaseline(AutoencoderDataset data, int[] train, int[] targets)
    {
        var mean = new double[data.ImageLength];
        foreach (var i in train)
        {
            var image = data.Image(i);
            for (var k = 0; k < mean.Length; k++)
            {
                mean[k] += image[k];
            }
        }
        for (var k = 0; k < mean.Length; k++)
        {
            mean[k] /= train.Length;
        }
        double sum = 0;
        foreach (var i in targets)
        {
            var image = data.Image(i);
            for (var k = 0; k < mean.Length; k++)
            {
                var d = image[k] - mean[k];
                sum += d * d;
            }
        }
        return sum / ((double)targets.Length * data.ImageLength);
    }

    /// <summary>
    /// Identifies what a checkpoint may be resumed with: architecture, every option that changes the trajectory
    /// (the epoch count only for the cosine schedule, whose horizon it is) and the data itself.
    /// </summary>
    private string ConfigHash(AutoencoderDataset data)
    {
        var relevant = Options with
        {
            Epochs = Options.Schedule == LearningRateSchedule.Cosine ? Options.Epochs : 0,
            CheckpointPath = null,
            MetricsPath = null,
            Threads = null,
        };
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(Architecture));
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(relevant));
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.Pixels.AsSpan()));
        return Convert.ToHexString(hash.GetHashAndReset())[..16];
    }

    internal static byte[] SaveState(nn.Module model)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            model.save(writer);
        }
        return stream.ToArray();
    }

    internal static void LoadState(nn.Module model, byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state));
        model.load(reader);
    }

    private static byte[] SaveOptimizer(OptimizerHelper optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            optimizer.save_state_dict(writer);
        }
        return stream.ToArray();
    }
}
