using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using QGan.MLNet.Cli.Inputs;
using QGan.MLNet.Cli.Gan;
using QGan.MLNet.Core.Limits;
using QGan.MLNet.Quantum.Gradients;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Gan.Data;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Quantum;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.IO;
using Spectre.Console;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan train</c>: WGAN-GP in the autoencoder's latent space with a quantum or classical generator. Writes
/// <c>OUT/metrics.csv</c>, <c>OUT/checkpoints/checkpoint.bin</c> and <c>OUT/generator/</c> (manifest, weights and a
/// copy of the decoder). Every input is checked before anything is written.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        // Defaults come from GanDefaults (per generator kind); each flag is the kebab-case name of its
        // GanTrainingOptions property, and the names it had before are kept as deprecated aliases.
        var generator = new Option<string>("--generator") { Description = "Generator kind: quantum or classical.", Required = true };
        var qubits = Flag<int>("--qubits", "Qubits of the quantum generator", o => o.Qubits);
        var layers = Flag<int>("--layers", "Style layers of the quantum generator", o => o.Layers);
        var readout = new Option<string>("--readout") { Description = "Quantum readout: zx (2n values), z (n) or xyz (3n).", DefaultValueFactory = _ => "zx" };
        var initRange = Flag<double>("--init-range", "Quantum weights and biases start uniform in [-r, r]", o => o.QuantumInitRange);
        var gradient = new Option<string>("--gradient") { Description = "Quantum gradients: adjoint (exact, fast) or parameter-shift (exact, what hardware can run).", DefaultValueFactory = _ => "adjoint" };
        var precision = new Option<string>("--precision") { Description = "State precision of the quantum simulation: double, or single (faster with AVX-512; agrees with double to about 1e-5).", DefaultValueFactory = _ => "double" };
        var generatorHidden = new Option<string?>("--generator-hidden") { Description = $"Hidden widths of the classical generator, e.g. 64,64 (default {GanDefaults.Describe(o => o.GeneratorHidden)})." };
        var criticHidden = new Option<string?>("--critic-hidden") { Description = $"Hidden widths of the critic, e.g. 64,64 (default {GanDefaults.Describe(o => o.CriticHidden)})." };
        var noiseDim = Flag<int>("--noise-dimension", "Dimension of the generator's standard normal noise", o => o.NoiseDimension, "--noise-dim");
        var iterations = new Option<int>("--iterations") { Description = "Generator iterations (total, also when resuming).", Required = true };
        var autoencoder = new Option<string?>("--autoencoder") { Description = "Autoencoder directory (encoder.onnx, decoder.onnx, autoencoder.json); with --synthetic the default is the shipped models/sat4-synthetic." };
        var data = new Option<string?>("--data") { Description = "SAT-4 data (MAT file, Kaggle X_*.csv or PNG folder); its train split is used." };
        var synthetic = new Option<int?>("--synthetic") { Description = "Use N patches of the built-in synthetic SAT-4-like data instead of --data." };
        var latents = new Option<string?>("--latents") { Description = "Train on pre-encoded latents (header-less CSV, one vector per row) instead of images." };
        var output = new Option<string>("--out") { Description = "Run directory.", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its checkpoint; without a checkpoint, start a new run. Without --resume an existing checkpoint is refused." };
        var seed = Flag<long>("--seed", "Seed of initialisation, sampling and the held-out split", o => o.Seed);
        var batch = Flag<int>("--batch-size", "Batch size", o => o.BatchSize);
        var lrG = Flag<double>("--generator-learning-rate", "Adam learning rate of the generator", o => o.GeneratorLearningRate, "--lr-generator");
        var lrC = Flag<double>("--critic-learning-rate", "Adam learning rate of the critic", o => o.CriticLearningRate, "--lr-critic");
        var beta1 = Flag<double>("--beta1", "Adam beta1", o => o.Beta1);
        var beta2 = Flag<double>("--beta2", "Adam beta2", o => o.Beta2);
        var gp = Flag<double>("--gradient-penalty-weight", "Gradient-penalty weight lambda", o => o.GradientPenaltyWeight, "--gp-weight");
        var criticSteps = Flag<int>("--critic-steps", "Critic steps per generator step", o => o.CriticSteps);
        var generatorClip = Flag<double>("--generator-max-grad-norm", "Max gradient L2 norm of the generator; 0: no clipping", o => o.GeneratorMaxGradNorm);
        var criticClip = Flag<double>("--critic-max-grad-norm", "Max gradient L2 norm of the critic; 0: no clipping", o => o.CriticMaxGradNorm);
        var clip = new Option<double?>("--clip-norm") { Description = "Replaced by --generator-max-grad-norm and --critic-max-grad-norm.", Hidden = true };
        var evalInterval = Flag<int>("--metrics-interval", "Metrics row (losses, FID, JSD) every K iterations", o => o.MetricsInterval, "--eval-interval");
        var checkpointInterval = Flag<int>("--checkpoint-interval", "Checkpoint every K iterations", o => o.CheckpointInterval);
        var heldOut = new Option<int?>("--held-out") { Description = "Rows held out for FID/JSD (default: 20% of the rows, at most 1000)." };
        var pixelFid = new Option<bool>("--pixel-fid") { Description = "Also compute the pixel-space FID of decoded images (slow: 3136-d covariance)." };
        var explosion = Flag<double>("--explosion-threshold", "Stop when a loss or gradient norm exceeds this magnitude", o => o.ExplosionThreshold);

        var patience = new Option<int>("--early-stop-patience") { DefaultValueFactory = _ => 0, Description = "Early stopping: stop after this many evaluations without a relative improvement of the validation FID (0: off; --iterations is then the maximum). Holds out a validation split of --held-out rows besides the held-out split; the reported generator is the best one on it." };
        var minImprovement = new Option<double>("--early-stop-min-improvement") { DefaultValueFactory = _ => new EarlyStopOptions().MinImprovement, Description = "Early stopping: relative decrease of the validation FID that counts as an improvement." };
        var threads = Flag<int>("--threads", "CPU threads: libtorch intra-op threads (for the run, then restored) and quantum simulator workers; 0: one per core", o => o.Threads);

        var command = new Command("train", "Train a WGAN-GP with a quantum or classical generator in the autoencoder's latent space.");
        foreach (var o in new Option[] { generator, qubits, layers, readout, initRange, gradient, precision, generatorHidden, criticHidden, noiseDim, iterations, autoencoder, data, synthetic, latents, output, resume, seed, batch, lrG, lrC, beta1, beta2, gp, criticSteps, generatorClip, criticClip, clip, evalInterval, checkpointInterval, heldOut, pixelFid, explosion, patience, minImprovement, threads })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            int stopPatience = parse.GetValue(patience);
            if (stopPatience < 0)
            {
                throw new ArgumentException($"--early-stop-patience must be >= 0 (0: no early stopping), got {stopPatience}");
            }
            if (parse.GetValue(clip) is not null)
            {
                throw new ArgumentException("--clip-norm was replaced by --generator-max-grad-norm and --critic-max-grad-norm (give both for the old behaviour)");
            }
            var kind = ParseKind(parse.GetValue(generator)!);
            var d = GanDefaults.For(kind);
            var options = d with
            {
                Qubits = parse.GetValue(qubits) ?? d.Qubits,
                Layers = parse.GetValue(layers) ?? d.Layers,
                Readout = ParseReadout(parse.GetValue(readout)!),
                QuantumInitRange = parse.GetValue(initRange) ?? d.QuantumInitRange,
                QuantumGradient = ParseGradient(parse.GetValue(gradient)!),
                QuantumPrecision = ParsePrecision(parse.GetValue(precision)!),
                GeneratorHidden = parse.GetValue(generatorHidden) is { } gh ? WidthList.Parse(gh, "--generator-hidden") : d.GeneratorHidden,
                CriticHidden = parse.GetValue(criticHidden) is { } ch ? WidthList.Parse(ch, "--critic-hidden") : d.CriticHidden,
                NoiseDimension = parse.GetValue(noiseDim) ?? d.NoiseDimension,
                Iterations = parse.GetValue(iterations),
                Seed = parse.GetValue(seed) ?? d.Seed,
                BatchSize = parse.GetValue(batch) ?? d.BatchSize,
                GeneratorLearningRate = parse.GetValue(lrG) ?? d.GeneratorLearningRate,
                CriticLearningRate = parse.GetValue(lrC) ?? d.CriticLearningRate,
                Beta1 = parse.GetValue(beta1) ?? d.Beta1,
                Beta2 = parse.GetValue(beta2) ?? d.Beta2,
                GradientPenaltyWeight = parse.GetValue(gp) ?? d.GradientPenaltyWeight,
                CriticSteps = parse.GetValue(criticSteps) ?? d.CriticSteps,
                GeneratorMaxGradNorm = MaxGradNorm(parse.GetValue(generatorClip), d.GeneratorMaxGradNorm, "--generator-max-grad-norm"),
                CriticMaxGradNorm = MaxGradNorm(parse.GetValue(criticClip), d.CriticMaxGradNorm, "--critic-max-grad-norm"),
                MetricsInterval = parse.GetValue(evalInterval) ?? d.MetricsInterval,
                CheckpointInterval = parse.GetValue(checkpointInterval) ?? d.CheckpointInterval,
                ExplosionThreshold = parse.GetValue(explosion) ?? d.ExplosionThreshold,
                Threads = parse.GetValue(threads) ?? d.Threads,
                EarlyStop = stopPatience == 0 ? null : new EarlyStopOptions { Patience = stopPatience, MinImprovement = parse.GetValue(minImprovement) },
            };
            options.Validate(FlagNames);
            if (parse.GetValue(synthetic) is int patches)
            {
                SizeLimits.Check(patches, 5, SizeLimits.MaxSyntheticPatches, "--synthetic");
            }
            var job = new TrainJob(
                options, parse.GetValue(autoencoder), parse.GetValue(data), parse.GetValue(synthetic), parse.GetValue(latents),
                parse.GetValue(output)!, parse.GetValue(resume), parse.GetValue(heldOut), parse.GetValue(pixelFid));
            return job.Run();
        }));
        return command;
    }

    /// <summary>The flag of each option, so validation errors name what the user typed.</summary>
    private static readonly Dictionary<string, string> FlagNames = new()
    {
        [nameof(GanTrainingOptions.Iterations)] = "--iterations",
        [nameof(GanTrainingOptions.BatchSize)] = "--batch-size",
        [nameof(GanTrainingOptions.CriticSteps)] = "--critic-steps",
        [nameof(GanTrainingOptions.NoiseDimension)] = "--noise-dimension",
        [nameof(GanTrainingOptions.MetricsInterval)] = "--metrics-interval",
        [nameof(GanTrainingOptions.CheckpointInterval)] = "--checkpoint-interval",
        [nameof(GanTrainingOptions.Qubits)] = "--qubits",
        [nameof(GanTrainingOptions.Layers)] = "--layers",
        [nameof(GanTrainingOptions.GeneratorHidden)] = "--generator-hidden",
        [nameof(GanTrainingOptions.CriticHidden)] = "--critic-hidden",
        [nameof(GanTrainingOptions.Threads)] = "--threads",
    };

    /// <summary>An optional flag whose default (shown in the help) is that of <see cref="GanDefaults"/>.</summary>
    private static Option<T?> Flag<T>(string name, string description, Func<GanTrainingOptions, T> option, params string[] deprecatedAliases)
        where T : struct
    {
        var flag = new Option<T?>(name) { Description = $"{description} (default {GanDefaults.Describe(option)})." };
        foreach (var alias in deprecatedAliases)
        {
            flag.Aliases.Add(alias);
        }
        return flag;
    }

    /// <summary>A max gradient norm flag: 0 disables clipping (the options use +infinity for that).</summary>
    private static double MaxGradNorm(double? value, double fallback, string flag) => value switch
    {
        null => fallback,
        0 => double.PositiveInfinity,
        > 0 when double.IsFinite(value.Value) => value.Value,
        _ => throw new ArgumentException($"{flag} must be >= 0 (0 disables clipping), got {value}"),
    };

    private static GeneratorKind ParseKind(string text) => text.ToLowerInvariant() switch
    {
        "quantum" => GeneratorKind.Quantum,
        "classical" => GeneratorKind.Classical,
        _ => throw new ArgumentException($"--generator must be quantum or classical, got '{text}'"),
    };

    private static GradientMethod ParseGradient(string text) => text.ToLowerInvariant() switch
    {
        "adjoint" => GradientMethod.Adjoint,
        "parameter-shift" => GradientMethod.ParameterShift,
        _ => throw new ArgumentException($"--gradient must be adjoint or parameter-shift, got '{text}'"),
    };

    private static SimulationPrecision ParsePrecision(string text) => text.ToLowerInvariant() switch
    {
        "double" => SimulationPrecision.Double,
        "single" => SimulationPrecision.Single,
        _ => throw new ArgumentException($"--precision must be double or single, got '{text}'"),
    };

    private static Readout ParseReadout(string text) => text.ToLowerInvariant() switch
    {
        "zx" => Readout.ZX,
        "z" => Readout.Z,
        "xyz" => Readout.XYZ,
        _ => throw new ArgumentException($"--readout must be zx, z or xyz, got '{text}'"),
    };

    /// <summary>One training run: inputs are loaded and checked first, then the run directory is written.</summary>
    private sealed record TrainJob(
        GanTrainingOptions Options, string? Autoencoder, string? Data, int? Synthetic, string? Latents,
        string Out, bool Resume, int? HeldOut, bool PixelFid)
    {
        public int Run()
        {
            int sources = (Data is null ? 0 : 1) + (Synthetic is null ? 0 : 1) + (Latents is null ? 0 : 1);
            if (sources != 1)
            {
                throw new ArgumentException("give exactly one of --data PATH, --synthetic N or --latents CSV");
            }
            var layout = new GanRunLayout(Out);
            var resume = ResumeRule.Decide(Resume, layout.CheckpointPath);
            var ml = new MLContext(seed: 0);
            AutoencoderTransformer? ae = null;
            if (Autoencoder is not null)
            {
                ae = AutoencoderTransformer.Load(ml, Autoencoder);
            }
            else if (Synthetic is not null)
            {
                // The built-in synthetic data has a shipped autoencoder trained on it: use it unless told otherwise.
                var shipped = ShippedModels.Find(ShippedModels.Sat4SyntheticAutoencoder)
                    ?? throw new ArgumentException($"--autoencoder DIR is required: the shipped {ShippedModels.Sat4SyntheticAutoencoder} was not found");
                ae = AutoencoderTransformer.Load(ml, shipped);
            }
            else if (Latents is null)
            {
                throw new ArgumentException("--autoencoder DIR is required to encode images (or pass pre-encoded --latents)");
            }

            var all = LoadLatents(ml, ae);
            if (ae is not null && ae.Encoder.LatentSize != all.Width)
            {
                throw new InvalidDataException($"{all.Source}: latents have {all.Width} values, the autoencoder's decoder takes {ae.Encoder.LatentSize}");
            }
            int heldOutRows = HeldOut ?? Math.Min(1000, all.Rows / 5);
            // Early stopping selects on a validation split of the held-out size, so the held-out FID stays unbiased.
            var (train, validation, heldOut) = LatentSources.SplitEvaluation(all, heldOutRows, Options.EarlyStop is null ? 0 : heldOutRows, Options.Seed);
            var decoder = ae is null ? null : new OnnxLatentDecoder(ml, ae.Decoder);
            var evaluator = new GanQualityEvaluator(decoder, PixelFid);
            using var trainer = new WganGpTrainer(Options, train, layout, heldOut, evaluator, backend: null, validation);
            AnsiConsole.MarkupLine(
                $"[bold]WGAN-GP[/] {Options.Generator.ToString().ToLowerInvariant()} generator: {((IGenerator)trainer.Generator).ParameterCount} parameters, " +
                $"critic {trainer.Critic.ParameterCount}; {train.Rows} training / {heldOut.Rows} held-out{(validation is null ? "" : $" / {validation.Rows} validation")} latents of width {train.Width}");
            RunWithProgress(trainer, resume);
            if (trainer.ResumedFrom is int from)
            {
                AnsiConsole.MarkupLine($"resumed from the checkpoint at iteration {from}");
            }
            if (Options.EarlyStop is not null)
            {
                AnsiConsole.MarkupLine(trainer.StopReason == TrainingStopReason.Plateau
                    ? $"early stopping: validation FID plateau at iteration {trainer.Iteration}; reporting the generator of iteration {trainer.BestIteration} (validation FID {trainer.BestValidationFid?.ToString("G5", CultureInfo.InvariantCulture)})"
                    : $"early stopping: no plateau within {Options.Iterations} iterations (budget); reporting the generator of iteration {trainer.BestIteration} (validation FID {trainer.BestValidationFid?.ToString("G5", CultureInfo.InvariantCulture)})");
            }

            using var exported = trainer.ExportGenerator(decoder is null ? null : AutoencoderOnnx.DecoderFileName);
            exported.Save(layout.GeneratorDirectory);
            if (ae is not null)
            {
                AtomicFile.WriteAllBytes(Path.Combine(layout.GeneratorDirectory, AutoencoderOnnx.DecoderFileName), ae.Decoder.Bytes);
            }
            AnsiConsole.Write(Summary(trainer.Metrics));
            AnsiConsole.MarkupLine($"wrote {Markup.Escape(layout.MetricsPath)}, {Markup.Escape(layout.CheckpointPath)} and {Markup.Escape(layout.GeneratorDirectory)}");
            return 0;
        }

        private LatentDataSet LoadLatents(MLContext ml, AutoencoderTransformer? ae)
        {
            if (Latents is not null)
            {
                return LatentSources.ReadCsv(Latents);
            }
            if (Synthetic is int n)
            {
                return LatentSources.Encode(ae!, ml.QGan().Data.Synthetic(n, unchecked((ulong)Options.Seed)), $"synthetic({n})");
            }
            return LatentSources.Encode(ae!, ml.QGan().Data.LoadSat4(Data!, Sat4Schema.TrainSplit), Data!);
        }

        private void RunWithProgress(WganGpTrainer trainer, bool resume)
        {
            AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("training", maxValue: Options.Iterations);
                    trainer.Train(resume, new SynchronousProgress(p =>
                    {
                        task.Value = p.Iteration;
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"it {p.Iteration} W {p.WassersteinEstimate:F3}");
                    }));
                    task.MaxValue = trainer.Iteration;
                    task.Value = trainer.Iteration;
                });
        }
    }

    private static Table Summary(IReadOnlyList<TrainingMetrics> metrics)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var name in new[] { "iteration", "W estimate", "critic loss", "generator loss", "latent FID", "latent JSD", "pixel JSD", "validation FID" })
        {
            table.AddColumn(new TableColumn(name).RightAligned());
        }
        static string F(double? v) => v is double d ? d.ToString("G5", CultureInfo.InvariantCulture) : "-";
        foreach (var m in metrics.Count > 6 ? [metrics[0], .. metrics.Skip(metrics.Count - 5)] : metrics)
        {
            table.AddRow(m.Iteration.ToString(CultureInfo.InvariantCulture), F(m.WassersteinEstimate), F(m.CriticLoss), F(m.GeneratorLoss), F(m.LatentFid), F(m.LatentJsd), F(m.PixelJsd), F(m.ValidationFid));
        }
        return table;
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
