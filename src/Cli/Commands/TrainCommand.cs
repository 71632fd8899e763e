using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using QGan.MLNet.Cli.Gan;
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
        var generator = new Option<string>("--generator") { Description = "Generator kind: quantum or classical.", Required = true };
        var qubits = new Option<int>("--qubits") { Description = "Qubits of the quantum generator.", DefaultValueFactory = _ => 12 };
        var layers = new Option<int>("--layers") { Description = "Style layers of the quantum generator.", DefaultValueFactory = _ => 2 };
        var readout = new Option<string>("--readout") { Description = "Quantum readout: zx (2n values), z (n) or xyz (3n).", DefaultValueFactory = _ => "zx" };
        var initRange = new Option<double>("--init-range") { Description = "Quantum weights and biases start uniform in [-r, r].", DefaultValueFactory = _ => QuantumGenerator.DefaultInitRange };
        var gradient = new Option<string>("--gradient") { Description = "Quantum gradients: adjoint (exact, fast) or parameter-shift (exact, what hardware can run).", DefaultValueFactory = _ => "adjoint" };
        var precision = new Option<string>("--precision") { Description = "State precision of the quantum simulation: double, or single (faster with AVX-512; agrees with double to about 1e-5).", DefaultValueFactory = _ => "double" };
        var generatorHidden = new Option<string>("--generator-hidden") { Description = "Hidden widths of the classical generator, e.g. 64,64.", DefaultValueFactory = _ => "64,64" };
        var criticHidden = new Option<string>("--critic-hidden") { Description = "Hidden widths of the critic, e.g. 64,64.", DefaultValueFactory = _ => "64,64" };
        var noiseDim = new Option<int>("--noise-dim") { Description = "Dimension of the generator's standard normal noise.", DefaultValueFactory = _ => 12 };
        var iterations = new Option<int>("--iterations") { Description = "Generator iterations (total, also when resuming).", Required = true };
        var autoencoder = new Option<string?>("--autoencoder") { Description = "Autoencoder directory (encoder.onnx, decoder.onnx, autoencoder.json)." };
        var data = new Option<string?>("--data") { Description = "SAT-4 data (MAT file, Kaggle X_*.csv or PNG folder); its train split is used." };
        var synthetic = new Option<int?>("--synthetic") { Description = "Use N patches of the built-in synthetic SAT-4-like data instead of --data." };
        var latents = new Option<string?>("--latents") { Description = "Train on pre-encoded latents (header-less CSV, one vector per row) instead of images." };
        var output = new Option<string>("--out") { Description = "Run directory.", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its checkpoint." };
        var seed = new Option<long>("--seed") { Description = "Seed of initialisation, sampling and the held-out split.", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch-size") { DefaultValueFactory = _ => 64, Description = "Batch size." };
        var lrG = new Option<double>("--lr-generator") { DefaultValueFactory = _ => 1e-4, Description = "Adam learning rate of the generator." };
        var lrC = new Option<double>("--lr-critic") { DefaultValueFactory = _ => 1e-4, Description = "Adam learning rate of the critic." };
        var beta1 = new Option<double>("--beta1") { DefaultValueFactory = _ => 0.5, Description = "Adam beta1." };
        var beta2 = new Option<double>("--beta2") { DefaultValueFactory = _ => 0.9, Description = "Adam beta2." };
        var gp = new Option<double>("--gp-weight") { DefaultValueFactory = _ => 10, Description = "Gradient-penalty weight lambda." };
        var criticSteps = new Option<int>("--critic-steps") { DefaultValueFactory = _ => 5, Description = "Critic steps per generator step." };
        var clip = new Option<double>("--clip-norm") { DefaultValueFactory = _ => 10, Description = "Max gradient L2 norm of both networks (0: no clipping)." };
        var evalInterval = new Option<int>("--eval-interval") { DefaultValueFactory = _ => 50, Description = "Metrics row (losses, FID, JSD) every K iterations." };
        var checkpointInterval = new Option<int>("--checkpoint-interval") { DefaultValueFactory = _ => 100, Description = "Checkpoint every K iterations." };
        var heldOut = new Option<int?>("--held-out") { Description = "Rows held out for FID/JSD (default: 20% of the rows, at most 1000)." };
        var pixelFid = new Option<bool>("--pixel-fid") { Description = "Also compute the pixel-space FID of decoded images (slow: 3136-d covariance)." };
        var explosion = new Option<double>("--explosion-threshold") { DefaultValueFactory = _ => 1e6, Description = "Stop when a loss or gradient norm exceeds this magnitude." };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => 1, Description = "CPU threads: libtorch intra-op threads and quantum simulator workers (0: one per core)." };

        var command = new Command("train", "Train a WGAN-GP with a quantum or classical generator in the autoencoder's latent space.");
        foreach (var o in new Option[] { generator, qubits, layers, readout, initRange, gradient, precision, generatorHidden, criticHidden, noiseDim, iterations, autoencoder, data, synthetic, latents, output, resume, seed, batch, lrG, lrC, beta1, beta2, gp, criticSteps, clip, evalInterval, checkpointInterval, heldOut, pixelFid, explosion, threads })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            double clipNorm = parse.GetValue(clip);
            if (!(clipNorm >= 0))
            {
                throw new ArgumentException($"--clip-norm must be >= 0 (0 disables clipping), got {clipNorm}");
            }
            var options = new GanTrainingOptions
            {
                Generator = ParseKind(parse.GetValue(generator)!),
                Qubits = parse.GetValue(qubits),
                Layers = parse.GetValue(layers),
                Readout = ParseReadout(parse.GetValue(readout)!),
                QuantumInitRange = parse.GetValue(initRange),
                QuantumGradient = ParseGradient(parse.GetValue(gradient)!),
                QuantumPrecision = ParsePrecision(parse.GetValue(precision)!),
                GeneratorHidden = WidthList.Parse(parse.GetValue(generatorHidden)!, "--generator-hidden"),
                CriticHidden = WidthList.Parse(parse.GetValue(criticHidden)!, "--critic-hidden"),
                NoiseDimension = parse.GetValue(noiseDim),
                Iterations = parse.GetValue(iterations),
                Seed = parse.GetValue(seed),
                BatchSize = parse.GetValue(batch),
                GeneratorLearningRate = parse.GetValue(lrG),
                CriticLearningRate = parse.GetValue(lrC),
                Beta1 = parse.GetValue(beta1),
                Beta2 = parse.GetValue(beta2),
                GradientPenaltyWeight = parse.GetValue(gp),
                CriticSteps = parse.GetValue(criticSteps),
                GeneratorMaxGradNorm = clipNorm == 0 ? double.PositiveInfinity : clipNorm,
                CriticMaxGradNorm = clipNorm == 0 ? double.PositiveInfinity : clipNorm,
                MetricsInterval = parse.GetValue(evalInterval),
                CheckpointInterval = parse.GetValue(checkpointInterval),
                ExplosionThreshold = parse.GetValue(explosion),
                Threads = parse.GetValue(threads),
            };
            options.Validate();
            var job = new TrainJob(
                options, parse.GetValue(autoencoder), parse.GetValue(data), parse.GetValue(synthetic), parse.GetValue(latents),
                parse.GetValue(output)!, parse.GetValue(resume), parse.GetValue(heldOut), parse.GetValue(pixelFid));
            return job.Run();
        }));
        return command;
    }

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
            var ml = new MLContext(seed: 0);
            AutoencoderTransformer? ae = null;
            if (Autoencoder is not null)
            {
                ae = AutoencoderTransformer.Load(ml, Autoencoder);
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
            var (train, heldOut) = LatentSources.SplitHeldOut(all, heldOutRows, Options.Seed);
            var decoder = ae is null ? null : new OnnxLatentDecoder(ml, ae.Decoder);
            var evaluator = new GanQualityEvaluator(decoder, PixelFid);
            var layout = new GanRunLayout(Out);

            using var trainer = new WganGpTrainer(Options, train, layout, heldOut, evaluator);
            AnsiConsole.MarkupLine(
                $"[bold]WGAN-GP[/] {Options.Generator.ToString().ToLowerInvariant()} generator: {((IGenerator)trainer.Generator).ParameterCount} parameters, " +
                $"critic {trainer.Critic.ParameterCount}; {train.Rows} training / {heldOut.Rows} held-out latents of width {train.Width}");
            RunWithProgress(trainer);
            if (trainer.ResumedFrom is int from)
            {
                AnsiConsole.MarkupLine($"resumed from the checkpoint at iteration {from}");
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
                if (n < 5)
                {
                    throw new ArgumentException($"--synthetic must be at least 5 patches, got {n}");
                }
                return LatentSources.Encode(ae!, ml.QGan().Data.Synthetic(n, unchecked((ulong)Options.Seed)), $"synthetic({n})");
            }
            return LatentSources.Encode(ae!, ml.QGan().Data.LoadSat4(Data!, Sat4Schema.TrainSplit), Data!);
        }

        private void RunWithProgress(WganGpTrainer trainer)
        {
            AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("training", maxValue: Options.Iterations);
                    trainer.Train(Resume, new SynchronousProgress(p =>
                    {
                        task.Value = p.Iteration;
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"it {p.Iteration} W {p.WassersteinEstimate:F3}");
                    }));
                    task.Value = Options.Iterations;
                });
        }
    }

    private static Table Summary(IReadOnlyList<TrainingMetrics> metrics)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var name in new[] { "iteration", "W estimate", "critic loss", "generator loss", "latent FID", "latent JSD", "pixel JSD" })
        {
            table.AddColumn(new TableColumn(name).RightAligned());
        }
        static string F(double? v) => v is double d ? d.ToString("G5", CultureInfo.InvariantCulture) : "-";
        foreach (var m in metrics.Count > 6 ? [metrics[0], .. metrics.Skip(metrics.Count - 5)] : metrics)
        {
            table.AddRow(m.Iteration.ToString(CultureInfo.InvariantCulture), F(m.WassersteinEstimate), F(m.CriticLoss), F(m.GeneratorLoss), F(m.LatentFid), F(m.LatentJsd), F(m.PixelJsd));
        }
        return table;
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
