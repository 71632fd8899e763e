using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Runtime;
using ScalarSafe = QGan.MLNet.Trainers.Runtime.ScalarSafe;
using QGan.MLNet.Transforms.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Features;

/// <summary>
/// Trains a <see cref="Sat4FeatureNetwork"/> on labelled SAT-4 patches with cross-entropy and AdamW. Deterministic
/// for a given seed (with one libtorch thread): the weights come from a private generator seeded with the seed, the
/// validation split and the per-epoch shuffles from <see cref="TrainingOrder"/>. Every step runs in its own
/// dispose scope; evaluation runs in eval mode under no_grad. With <see cref="Sat4FeatureTrainingOptions.CheckpointPath"/>
/// set, each epoch ends with an atomic checkpoint and <c>resume: true</c> continues from it exactly.
/// </summary>
public sealed class Sat4FeatureTrainer
{
    private const int EvaluationBatchSize = 256;

    /// <summary>A trainer with <paramref name="options"/> (validated).</summary>
    public Sat4FeatureTrainer(Sat4FeatureTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The training options.</summary>
    public Sat4FeatureTrainingOptions Options { get; }

    /// <summary>Trains the classifier on <paramref name="data"/> (seeded validation split).</summary>
    /// <param name="data">Labelled patches.</param>
    /// <param name="progress">Called after every epoch.</param>
    /// <param name="resume">Continue from the checkpoint at <see cref="Sat4FeatureTrainingOptions.CheckpointPath"/> when
    /// there is one (it must have been written with the same configuration and data); start fresh when there is none.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    public Sat4FeatureTrainingResult Train(Sat4Split data, IProgress<Sat4FeatureEpochMetrics>? progress = null,
        bool resume = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Options.Threads is { } threads)
        {
            torch.set_num_threads(threads);
        }
        var (trainIndices, validationIndices) = Split(data.Count);
        var evaluationIndices = validationIndices.Length > 0 ? validationIndices : trainIndices;

        var model = new Sat4FeatureNetwork();
        using (var generator = new torch.Generator(unchecked((ulong)Options.Seed)))
        {
            model.ResetParameters(generator);
        }
        try
        {
            using var optimizer = new ScalarSafe.AdamW(model.parameters(), lr: Options.LearningRate, weightDecay: Options.WeightDecay);
            var history = new List<Sat4FeatureEpochMetrics>();
            var configHash = ConfigHash(data);
            var startEpoch = 0;
            if (resume && Options.CheckpointPath is { } checkpointPath && File.Exists(checkpointPath))
            {
                var checkpoint = Sat4FeatureCheckpoint.Load(checkpointPath);
                if (checkpoint.Header.ConfigHash != configHash)
                {
                    throw new InvalidDataException(
                        $"Checkpoint '{checkpointPath}' was written for a different configuration or data set (hash {checkpoint.Header.ConfigHash}, this run {configHash}); delete it or train without --resume.");
                }
                AutoencoderTrainer.LoadState(model, checkpoint.ModelState);
                using (var reader = new BinaryReader(new MemoryStream(checkpoint.OptimizerState)))
                {
                    optimizer.load_state_dict(reader);
                }
                history.AddRange(checkpoint.Header.History);
                startEpoch = checkpoint.Header.EpochsCompleted;
            }
            for (var epoch = startEpoch; epoch < Options.Epochs; epoch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var clock = Stopwatch.StartNew();
                var (trainLoss, trainAccuracy) = TrainEpoch(model, optimizer, data, trainIndices, epoch, cancellationToken);
                var (validationLoss, validationAccuracy) = Evaluate(model, data, evaluationIndices);
                var metrics = new Sat4FeatureEpochMetrics(epoch + 1, trainLoss, trainAccuracy, validationLoss, validationAccuracy, clock.Elapsed.TotalSeconds);
                history.Add(metrics);
                if (Options.MetricsPath is { } path)
                {
                    Sat4FeatureMetricsCsv.Write(path, history);
                }
                if (Options.CheckpointPath is { } checkpoint)
                {
                    new Sat4FeatureCheckpoint
                    {
                        Header = new Sat4FeatureCheckpointHeader(configHash, epoch + 1, history),
                        ModelState = AutoencoderTrainer.SaveState(model),
                        OptimizerState = SaveOptimizer(optimizer),
                    }.Save(checkpoint);
                }
                progress?.Report(metrics);
            }
            var (_, finalTrainAccuracy) = Evaluate(model, data, trainIndices);
            var confusion = new long[Sat4FeatureNetwork.ClassCount, Sat4FeatureNetwork.ClassCount];
            var (finalLoss, finalAccuracy) = Evaluate(model, data, evaluationIndices, confusion);
            model.eval();
            return new Sat4FeatureTrainingResult
            {
                Model = model,
                History = history,
                TrainAccuracy = finalTrainAccuracy,
                ValidationAccuracy = finalAccuracy,
                ValidationLoss = finalLoss,
                ValidationConfusion = Enumerable.Range(0, Sat4FeatureNetwork.ClassCount)
                    .Select(t => Enumerable.Range(0, Sat4FeatureNetwork.ClassCount).Select(p => confusion[t, p]).ToArray()).ToArray(),
                TrainCount = trainIndices.Length,
                ValidationCount = validationIndices.Length,
            };
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What a checkpoint may be resumed with: every option that changes the trajectory (not the epoch count, so a
    /// finished run can be extended) and the data itself.
    /// </summary>
    private string ConfigHash(Sat4Split data)
    {
        var relevant = Options with { Epochs = 0, CheckpointPath = null, MetricsPath = null, Threads = null };
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(relevant));
        hash.AppendData(data.Pixels);
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.Labels.AsSpan()));
        return Convert.ToHexString(hash.GetHashAndReset())[..16];
    }

    private static byte[] SaveOptimizer(TorchSharp.Modules.OptimizerHelper optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            optimizer.save_state_dict(writer);
        }
        return stream.ToArray();
    }

    /// <summary>Seeded split (<see cref="TrainingOrder.Split"/>): the last <c>ValidationFraction</c> of a permutation is held out.</summary>
    internal (int[] Train, int[] Validation) Split(int count) => TrainingOrder.Split(count, Options.ValidationFraction, Options.Seed, "patches");

    private (double Loss, double Accuracy) TrainEpoch(Sat4FeatureNetwork model, optim.Optimizer optimizer, Sat4Split data,
        int[] trainIndices, int epoch, CancellationToken cancellationToken)
    {
        model.train();
        var order = TrainingOrder.ForEpoch(trainIndices, Options.Seed, epoch);
        var batchSize = Math.Min(Options.BatchSize, order.Length);
        // A trailing batch of one sample is dropped: BatchNorm cannot normalise a single sample in training mode.
        var batches = order.Length / batchSize + (order.Length % batchSize >= 2 ? 1 : 0);
        var pixels = new float[batchSize * Sat4Schema.PixelCount];
        var labels = new long[batchSize];
        double lossSum = 0;
        long correct = 0, seen = 0;
        for (var b = 0; b < batches; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = b * batchSize;
            var size = Math.Min(batchSize, order.Length - start);
            var batch = order.AsSpan(start, size);
            data.CopyPatchesChw(batch, pixels);
            for (var i = 0; i < size; i++)
            {
                labels[i] = data.Labels[batch[i]];
            }
            using var scope = torch.NewDisposeScope();
            // torch.tensor copies the first size*C*H*W values of the reused buffers into native memory.
            var x = torch.tensor(pixels, [size, Sat4Schema.Channels, Sat4Schema.Height, Sat4Schema.Width]);
            var y = torch.tensor(labels, [size]);
            var logits = model.forward(x);
            var loss = nn.functional.cross_entropy(logits, y);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            lossSum += loss.item<float>() * (double)size;
            correct += logits.argmax(1).eq(y).sum().item<long>();
            seen += size;
        }
        return (lossSum / seen, (double)correct / seen);
    }

    /// <summary>
    /// Mean cross-entropy and accuracy on <paramref name="indices"/> in eval mode; when <paramref name="confusion"/> is
    /// given, counts [true class, predicted class] into it.
    /// </summary>
    internal static (double Loss, double Accuracy) Evaluate(Sat4FeatureNetwork model, Sat4Split data, int[] indices,
        long[,]? confusion = null)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        double lossSum = 0;
        long correct = 0;
        var pixels = new float[Math.Min(EvaluationBatchSize, indices.Length) * Sat4Schema.PixelCount];
        for (var start = 0; start < indices.Length; start += EvaluationBatchSize)
        {
            var size = Math.Min(EvaluationBatchSize, indices.Length - start);
            var batch = indices.AsSpan(start, size);
            data.CopyPatchesChw(batch, pixels);
            var labels = new long[size];
            for (var i = 0; i < size; i++)
            {
                labels[i] = data.Labels[batch[i]];
            }
            using var scope = torch.NewDisposeScope();
            // torch.tensor copies the first size*C*H*W values of the reused buffers into native memory.
            var x = torch.tensor(pixels, [size, Sat4Schema.Channels, Sat4Schema.Height, Sat4Schema.Width]);
            var y = torch.tensor(labels, [size]);
            var logits = model.forward(x);
            var predicted = logits.argmax(1);
            lossSum += nn.functional.cross_entropy(logits, y, reduction: nn.Reduction.Sum).to_type(ScalarType.Float64).item<double>();
            correct += predicted.eq(y).sum().item<long>();
            if (confusion is not null)
            {
                var classes = predicted.data<long>().ToArray();
                for (var i = 0; i < size; i++)
                {
                    confusion[labels[i], classes[i]]++;
                }
            }
        }
        return (lossSum / indices.Length, (double)correct / indices.Length);
    }

    /// <summary>Features [N,128] of CHW [0,1] images in eval mode (the TorchSharp side of the ONNX parity check).</summary>
    public static float[] ExtractFeatures(Sat4FeatureNetwork model, float[] images, int count)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        if (images.Length != count * Sat4Schema.PixelCount)
        {
            throw new ArgumentException($"{images.Length} values are not {count} images of {Sat4Schema.PixelCount}.", nameof(images));
        }
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(images, [count, Sat4Schema.Channels, Sat4Schema.Height, Sat4Schema.Width]);
        return model.Features.forward(x).data<float>().ToArray();
    }
}
