using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using QGan.MLNet.Cli.Inputs;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Transforms.Catalog;
using Spectre.Console;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan train-ae</c>: trains the convolutional autoencoder and writes encoder.onnx, decoder.onnx, metrics.csv,
/// autoencoder.json and the TorchSharp checkpoint to <c>--out</c>.
/// </summary>
public static class TrainAeCommand
{
    public const string CheckpointFileName = "checkpoint.ckpt";
    public const string MetricsFileName = "metrics.csv";

    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "SAT-4 data: a .mat file, a Kaggle X_*.csv file or a PNG folder." };
        var synthetic = new Option<int?>("--synthetic") { Description = "Train on N deterministic synthetic SAT-4-like patches instead of --data." };
        var dataSeed = new Option<ulong>("--data-seed") { Description = "Seed of the synthetic data generator.", DefaultValueFactory = _ => 1 };
        var split = new Option<string?>("--split") { Description = "Split of --data to train on (default: train, or the only split)." };
        var epochs = new Option<int>("--epochs") { Description = "Number of epochs.", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Seed of weight initialisation, validation split and shuffling.", DefaultValueFactory = _ => 42 };
        var batchSize = new Option<int>("--batch-size") { Description = "Mini-batch size.", DefaultValueFactory = _ => 64 };
        var lr = new Option<double>("--lr") { Description = "AdamW learning rate.", DefaultValueFactory = _ => 1e-3 };
        var weightDecay = new Option<double>("--weight-decay") { Description = "AdamW weight decay.", DefaultValueFactory = _ => 1e-4 };
        var schedule = new Option<LearningRateSchedule>("--schedule") { Description = "Learning-rate schedule: Cosine, ReduceOnPlateau or Constant.", DefaultValueFactory = _ => LearningRateSchedule.Cosine };
        var patience = new Option<int>("--patience") { Description = "Early-stopping patience in epochs (0 disables).", DefaultValueFactory = _ => 5 };
        var validation = new Option<double>("--validation") { Description = "Fraction held out for validation.", DefaultValueFactory = _ => 0.1 };
        var arch = new Option<string>("--arch") { Description = "Network size: 'default' (conv 64/128, hidden 1024, ~13M parameters) or 'compact' (conv 32/64, hidden 128, ~0.9M).", DefaultValueFactory = _ => "default" };
        var threads = new Option<int>("--threads") { Description = "libtorch intra-op threads (1 is reproducible and fastest on a busy machine; raise it on a dedicated one).", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Output directory.", Required = true };
        var resume = new Option<bool>("--resume") { Description = $"Continue from --out/{CheckpointFileName} (same configuration and data); without a checkpoint, start a new run. Without --resume an existing checkpoint is refused." };

        var command = new Command("train-ae", "Train the convolutional autoencoder (4x28x28 -> 24-d tanh latent) and export it to ONNX.");
        foreach (var option in new Option[] { data, synthetic, dataSeed, split, epochs, seed, batchSize, lr, weightDecay, schedule, patience, validation, arch, threads, output, resume })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var outDir = parse.GetValue(output)!;
            var architecture = parse.GetValue(arch) switch
            {
                "default" => AutoencoderArchitecture.Default,
                "compact" => AutoencoderArchitecture.Compact,
                var other => throw new ArgumentException($"--arch must be 'default' or 'compact', not '{other}'."),
            };
            var training = new AutoencoderTrainingOptions
            {
                Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batchSize),
                LearningRate = parse.GetValue(lr),
                WeightDecay = parse.GetValue(weightDecay),
                Seed = parse.GetValue(seed),
                Schedule = parse.GetValue(schedule),
                EarlyStoppingPatience = parse.GetValue(patience),
                ValidationFraction = parse.GetValue(validation),
                Threads = parse.GetValue(threads),
                CheckpointPath = Path.Combine(outDir, CheckpointFileName),
                MetricsPath = Path.Combine(outDir, MetricsFileName),
            };
            // Everything is checked before anything is written to --out.
            training.Validate();
            var doResume = ResumeRule.Decide(parse.GetValue(resume), training.CheckpointPath);
            var loaded = Sat4Inputs.Load(parse.GetValue(data), parse.GetValue(synthetic), parse.GetValue(dataSeed), parse.GetValue(split));
            var ml = new MLContext(seed: training.Seed);
            var view = loaded.Split.ToDataView(ml);

            Console.WriteLine(
                $"Training autoencoder ({parse.GetValue(arch)}: conv {architecture.ConvChannels1}/{architecture.ConvChannels2}, hidden {architecture.HiddenSize}, latent {architecture.LatentSize}) on {loaded.Description}");
            var transformer = TrainWithProgress(ml, view, new AutoencoderOptions
            {
                Architecture = architecture,
                Training = training,
                DataDescription = loaded.Description,
                Resume = doResume,
            });
            transformer.Save(outDir);

            var q = transformer.Info.Quality;
            Console.WriteLine(FormattableString.Invariant(
                $"validation MSE {q.ValidationMse:G4} (train {q.TrainMse:G4}); mean-image baseline {q.MeanImageBaselineMse:G4}; ratio {q.RelativeToBaseline:F3}"));
            Console.WriteLine($"wrote {Path.Combine(outDir, "encoder.onnx")}, decoder.onnx, {MetricsFileName}, {AutoencoderModelInfo.FileName}, {CheckpointFileName}");
            return 0;
        }));
        return command;
    }

    /// <summary>Spectre progress bars on a terminal; one plain line per epoch when the output is redirected.</summary>
    private static AutoencoderTransformer TrainWithProgress(MLContext ml, IDataView view, AutoencoderOptions options)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            var lines = new InlineProgress(p =>
            {
                if (p.EpochMetrics is { } m)
                {
                    Console.WriteLine(FormattableString.Invariant(
                        $"epoch {m.Epoch}/{p.Epochs}: train MSE {m.TrainMse:G5}, validation MSE {m.ValidationMse:G5}, lr {m.LearningRate:G3}, {m.Seconds:F1}s"));
                }
            });
            return ml.QGan().Trainers.Autoencoder(options with { Progress = lines }).Fit(view);
        }

        AutoencoderTransformer? result = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var overall = ctx.AddTask("epochs", maxValue: options.Training.Epochs);
                var batches = ctx.AddTask("epoch 1", maxValue: 1);
                var progress = new InlineProgress(p =>
                {
                    if (p.EpochMetrics is { } m)
                    {
                        overall.Value = m.Epoch;
                        overall.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {m.Epoch}/{p.Epochs} val MSE {m.ValidationMse:G4}");
                    }
                    else
                    {
                        batches.MaxValue = p.Batches;
                        batches.Value = p.Batch;
                        batches.Description = $"epoch {p.Epoch} batches";
                    }
                });
                result = ml.QGan().Trainers.Autoencoder(options with { Progress = progress }).Fit(view);
                overall.Value = overall.MaxValue;
            });
        return result!;
    }

    /// <summary>Reports on the training thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class InlineProgress(Action<AutoencoderProgress> report) : IProgress<AutoencoderProgress>
    {
        public void Report(AutoencoderProgress value) => report(value);
    }
}
