using System.CommandLine;
using QGan.MLNet.Cli.Inputs;
using QGan.MLNet.Trainers.Features;
using QGan.MLNet.Transforms.Data;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan train-features</c>: trains the small SAT-4 classifier whose 128-d penultimate layer is the project's
/// SAT-4 feature space for FID, and writes <c>features.onnx</c>, <c>metrics.csv</c> and <c>features.json</c> to
/// <c>--out</c> (each atomically, after training: options and data are checked first), and <c>checkpoint.bin</c>
/// after every epoch, from which <c>--resume</c> continues a killed run (see <see cref="ResumeRule"/>).
/// </summary>
public static class TrainFeaturesCommand
{
    /// <summary>Written to --out after every epoch; <c>--resume</c> continues from it.</summary>
    public const string CheckpointFileName = "checkpoint.bin";

    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Labelled SAT-4 data: a .mat file, a Kaggle X_*.csv file (with its y_*.csv) or a PNG folder." };
        var synthetic = new Option<int?>("--synthetic") { Description = "Train on N deterministic synthetic SAT-4-like patches instead of --data." };
        var dataSeed = new Option<ulong>("--data-seed") { Description = "Seed of the synthetic data generator.", DefaultValueFactory = _ => 1 };
        var split = new Option<string?>("--split") { Description = "Split of --data to train on (default: train, or the only split)." };
        var defaults = new Sat4FeatureTrainingOptions();
        var epochs = new Option<int>("--epochs") { Description = "Number of epochs.", DefaultValueFactory = _ => defaults.Epochs };
        var seed = new Option<int>("--seed") { Description = "Seed of weight initialisation, validation split and shuffling.", DefaultValueFactory = _ => defaults.Seed };
        var batchSize = new Option<int>("--batch-size") { Description = "Mini-batch size.", DefaultValueFactory = _ => defaults.BatchSize };
        var lr = new Option<double>("--lr") { Description = "AdamW learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var validation = new Option<double>("--validation") { Description = "Fraction held out for validation accuracy.", DefaultValueFactory = _ => defaults.ValidationFraction };
        var threads = new Option<int>("--threads") { Description = "libtorch intra-op threads (1 is bit-reproducible).", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Output directory.", Required = true };
        var resume = new Option<bool>("--resume") { Description = $"Continue from --out/{CheckpointFileName} (same configuration and data); without a checkpoint, start a new run. Without --resume an existing checkpoint is refused." };

        var command = new Command("train-features",
            "Train the SAT-4 feature network (a small classifier; its 128-d penultimate layer is a SAT-4 feature space for FID) and export it to ONNX.");
        foreach (var option in new Option[] { data, synthetic, dataSeed, split, epochs, seed, batchSize, lr, validation, threads, output, resume })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var outDir = parse.GetValue(output)!;
            var options = new Sat4FeatureTrainingOptions
            {
                Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batchSize),
                LearningRate = parse.GetValue(lr),
                Seed = parse.GetValue(seed),
                ValidationFraction = parse.GetValue(validation),
                Threads = parse.GetValue(threads),
                CheckpointPath = Path.Combine(outDir, CheckpointFileName),
            };
            options.Validate();
            var doResume = ResumeRule.Decide(parse.GetValue(resume), options.CheckpointPath);
            var loaded = Sat4Inputs.Load(parse.GetValue(data), parse.GetValue(synthetic), parse.GetValue(dataSeed), parse.GetValue(split));
            Console.WriteLine($"Training the SAT-4 feature network on {loaded.Description}");
            var result = new Sat4FeatureTrainer(options).Train(loaded.Split, new InlineProgress(m => Console.WriteLine(FormattableString.Invariant(
                $"epoch {m.Epoch}/{options.Epochs}: train loss {m.TrainLoss:G4}, accuracy {m.TrainAccuracy:P2}; validation loss {m.ValidationLoss:G4}, accuracy {m.ValidationAccuracy:P2}; {m.Seconds:F1}s"))),
                doResume);
            using (result.Model)
            {
                var info = Sat4FeatureModelDirectory.Save(outDir, result, options, loaded.Description, loaded.Split.Count);
                Console.WriteLine(FormattableString.Invariant(
                    $"validation accuracy {info.ValidationAccuracy:P2} ({info.Data.ValidationCount} patches), train accuracy {info.TrainAccuracy:P2}"));
                Console.WriteLine("per class: " + string.Join(", ", Sat4Schema.ClassNames.Select((name, c) =>
                    info.ValidationClassAccuracy[c] is { } a ? FormattableString.Invariant($"{name} {a:P2}") : $"{name} (no patches)")));
            }
            Console.WriteLine($"wrote {Path.Combine(outDir, Sat4FeatureOnnx.FileName)}, {Sat4FeatureModelDirectory.MetricsFileName}, {Sat4FeatureModelInfo.FileName}");
            return 0;
        }));
        return command;
    }

    /// <summary>Reports on the training thread, in order.</summary>
    private sealed class InlineProgress(Action<Sat4FeatureEpochMetrics> report) : IProgress<Sat4FeatureEpochMetrics>
    {
        public void Report(Sat4FeatureEpochMetrics value) => report(value);
    }
}
