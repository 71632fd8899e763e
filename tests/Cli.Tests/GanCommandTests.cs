using System.Buffers.Binary;
using System.Globalization;
using QGan.MLNet.Trainers.Gan.Checkpoints;
using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Cli.Tests;

public sealed class GanCommandTests(TinyAutoencoder autoencoder) : IClassFixture<TinyAutoencoder>
{
    private static string NewDirectory() => Directory.CreateTempSubdirectory("qgan-cli-gan-").FullName;

    private string[] QuantumTrain(string outDir, int iterations, params string[] extra) =>
    [
        "train", "--generator", "quantum", "--qubits", "12", "--layers", "1", "--critic-hidden", "16",
        "--iterations", iterations.ToString(CultureInfo.InvariantCulture), "--autoencoder", autoencoder.Directory, "--synthetic", "60",
        "--out", outDir, "--batch-size", "8", "--critic-steps", "2", "--metrics-interval", "2", "--checkpoint-interval", "2",
        "--held-out", "12", "--generator-learning-rate", "1e-3", "--critic-learning-rate", "1e-3", .. extra,
    ];

    [Fact]
    public void Train_writes_metrics_checkpoint_and_generator_and_sample_draws_a_grid()
    {
        var run = NewDirectory();

        var train = QganProcess.Run(QuantumTrain(run, 4));

        Assert.True(train.ExitCode == 0, train.StdErr + train.StdOut);
        var layout = new GanRunLayout(run);
        var metrics = MetricsLog.Read(layout.MetricsPath);
        Assert.Equal([0, 1, 2, 4], metrics.Select(m => m.Iteration).ToArray());
        Assert.All(metrics, m => Assert.True(m.LatentFid > 0 && m.LatentJsd >= 0 && m.PixelJsd >= 0, "latent and pixel metrics are present"));
        Assert.Equal(4, GanCheckpoint.ReadHeader(layout.CheckpointPath).Iteration);
        foreach (var file in new[] { "manifest.json", "generator.bin", "decoder.onnx" })
        {
            Assert.True(File.Exists(Path.Combine(layout.GeneratorDirectory, file)), file);
        }

        var grid = Path.Combine(run, "grid.png");
        var latents = Path.Combine(run, "latents.csv");
        var sample = QganProcess.Run("sample", "--model", run, "--count", "6", "--out", grid, "--latents-out", latents);

        Assert.True(sample.ExitCode == 0, sample.StdErr);
        var png = File.ReadAllBytes(grid);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        // 6 patches in a 3-column grid of 58-px cells (28 x 2 + 2 gap) plus a 2-px border.
        Assert.Equal(3 * 58 + 2, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(2 * 58 + 2, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        var rows = File.ReadAllLines(latents);
        Assert.Equal(6, rows.Length);
        Assert.All(rows, r => Assert.Equal(24, r.Split(',').Length));
    }

    [Fact]
    public void Single_precision_training_runs_and_is_a_different_configuration_from_double()
    {
        var single = NewDirectory();

        var train = QganProcess.Run(QuantumTrain(single, 2, "--precision", "single"));
        Assert.True(train.ExitCode == 0, train.StdErr + train.StdOut);
        var metrics = MetricsLog.Read(new GanRunLayout(single).MetricsPath);
        Assert.All(metrics, m => Assert.True(m.LatentFid is double fid && double.IsFinite(fid) && fid > 0, "latent FID is finite"));
        // Resuming the single-precision run in double would change the trajectory: the configuration hash refuses it.
        var resumedInDouble = QganProcess.Run(QuantumTrain(single, 4, "--resume"));
        Assert.NotEqual(0, resumedInDouble.ExitCode);
        Assert.Equal(0, QganProcess.Run(QuantumTrain(single, 4, "--resume", "--precision", "single")).ExitCode);
        Assert.Equal(4, GanCheckpoint.ReadHeader(new GanRunLayout(single).CheckpointPath).Iteration);
    }

    [Fact]
    public void Resume_continues_an_existing_run_and_a_second_run_without_resume_is_refused()
    {
        var run = NewDirectory();
        // Nothing to continue yet: --resume starts the run and says so (the rule of train, train-ae, train-features).
        var started = QganProcess.Run(QuantumTrain(run, 2, "--resume"));
        Assert.True(started.ExitCode == 0, started.StdErr);
        Assert.Contains("--resume: no checkpoint at", started.StdOut);
        var checkpoint = File.ReadAllBytes(new GanRunLayout(run).CheckpointPath);

        var refused = QganProcess.Run(QuantumTrain(run, 4));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--resume", refused.StdErr);
        Assert.Equal(checkpoint, File.ReadAllBytes(new GanRunLayout(run).CheckpointPath));

        var resumed = QganProcess.Run(QuantumTrain(run, 4, "--resume"));
        Assert.True(resumed.ExitCode == 0, resumed.StdErr);
        Assert.Contains("resumed from the checkpoint at iteration 2", resumed.StdOut);
        Assert.Equal(4, GanCheckpoint.ReadHeader(new GanRunLayout(run).CheckpointPath).Iteration);

        var changed = QganProcess.Run(QuantumTrain(run, 6, "--resume", "--seed", "5"));
        Assert.Equal(2, changed.ExitCode);
        Assert.Contains("different training configuration", changed.StdErr);
    }

    [Fact]
    public void Classical_training_on_latent_csv_works_without_autoencoder_and_sampling_then_needs_one()
    {
        var dir = NewDirectory();
        var csv = Path.Combine(dir, "latents.csv");
        var rng = new Random(4);
        File.WriteAllLines(csv, Enumerable.Range(0, 40).Select(_ =>
            string.Join(",", Enumerable.Range(0, 24).Select(_ => (rng.NextDouble() - 0.5).ToString("R", CultureInfo.InvariantCulture)))));
        var run = Path.Combine(dir, "run");

        var train = QganProcess.Run("train", "--generator", "classical", "--generator-hidden", "8", "--critic-hidden", "8",
            "--iterations", "3", "--latents", csv, "--out", run, "--batch-size", "8", "--critic-steps", "1", "--held-out", "8");
        Assert.True(train.ExitCode == 0, train.StdErr);

        var sample = QganProcess.Run("sample", "--model", run, "--count", "4", "--out", Path.Combine(dir, "grid.png"));
        Assert.Equal(2, sample.ExitCode);
        Assert.Contains("--autoencoder", sample.StdErr);
        Assert.False(File.Exists(Path.Combine(dir, "grid.png")));

        var withDecoder = QganProcess.Run("sample", "--model", run, "--count", "4", "--out", Path.Combine(dir, "grid.png"), "--autoencoder", autoencoder.Directory);
        Assert.True(withDecoder.ExitCode == 0, withDecoder.StdErr);
    }

    [Theory]
    [InlineData("--generator", "photonic", "quantum or classical")]
    [InlineData("--critic-hidden", "16,x", "--critic-hidden: 'x'")]
    [InlineData("--readout", "y", "--readout must be zx, z or xyz")]
    [InlineData("--batch-size", "0", "--batch-size must be in 1..65,536")]
    [InlineData("--readout", "z", "produces 12 values")]
    [InlineData("--gradient", "finite-difference", "--gradient must be adjoint or parameter-shift")]
    [InlineData("--precision", "half", "--precision must be double or single")]
    public void Bad_flags_fail_with_exit_code_2_a_clear_message_and_no_output(string flag, string value, string message)
    {
        var run = Path.Combine(NewDirectory(), "run");
        var args = QuantumTrain(run, 2).ToList();
        int at = args.IndexOf(flag);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([flag, value]);
        }

        var result = QganProcess.Run([.. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StdErr);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Missing_data_file_and_missing_autoencoder_are_input_errors_without_output()
    {
        var run = Path.Combine(NewDirectory(), "run");

        var noData = QganProcess.Run("train", "--generator", "classical", "--iterations", "2", "--autoencoder", autoencoder.Directory,
            "--data", Path.Combine(run, "missing.mat"), "--out", run);
        var noAutoencoder = QganProcess.Run("train", "--generator", "classical", "--iterations", "2", "--synthetic", "20", "--out", run);
        var twoSources = QganProcess.Run("train", "--generator", "classical", "--iterations", "2", "--autoencoder", autoencoder.Directory,
            "--synthetic", "20", "--data", "x.mat", "--out", run);

        Assert.Equal(2, noData.ExitCode);
        Assert.Contains("missing.mat", noData.StdErr);
        Assert.Equal(2, noAutoencoder.ExitCode);
        Assert.Contains("--autoencoder", noAutoencoder.StdErr);
        Assert.Equal(2, twoSources.ExitCode);
        Assert.Contains("exactly one of", twoSources.StdErr);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Renamed_flags_keep_their_old_names_as_aliases_and_clip_norm_names_its_replacements()
    {
        var run = Path.Combine(NewDirectory(), "run");

        // An old alias parses (the run then stops at the missing data, before writing anything).
        var alias = QganProcess.Run("train", "--generator", "classical", "--iterations", "2", "--lr-generator", "1e-3", "--out", run);
        var clip = QganProcess.Run("train", "--generator", "classical", "--iterations", "2", "--clip-norm", "5", "--out", run);

        Assert.Equal(2, alias.ExitCode);
        Assert.Contains("give exactly one of --data PATH", alias.StdErr);
        Assert.DoesNotContain("lr-generator", alias.StdErr);
        Assert.Equal(2, clip.ExitCode);
        Assert.Contains("--clip-norm was replaced by --generator-max-grad-norm and --critic-max-grad-norm", clip.StdErr);
        Assert.False(Directory.Exists(run));
    }

    [Theory]
    [InlineData("--generator-hidden", "16777216,16777216", "--generator-hidden entry 1 must be in 1..65,536")]
    [InlineData("--critic-hidden", "16777216", "--critic-hidden entry 1 must be in 1..65,536")]
    [InlineData("--batch-size", "2000000000", "--batch-size must be in 1..65,536")]
    [InlineData("--synthetic", "2000000000", "--synthetic must be in 5..500,000")]
    public void Impossible_sizes_exit_2_naming_the_flag_and_write_nothing(string flag, string value, string expected)
    {
        var run = Path.Combine(NewDirectory(), "run");

        var result = QganProcess.Run("train", "--generator", "classical", "--iterations", "2", "--autoencoder", autoencoder.Directory,
            flag == "--synthetic" ? "--synthetic" : "--latents", flag == "--synthetic" ? value : "x.csv", flag == "--synthetic" ? "--seed" : flag, flag == "--synthetic" ? "1" : value,
            "--out", run);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StdErr);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Diverging_run_stops_with_exit_code_1_naming_the_iteration()
    {
        var run = NewDirectory();

        var args = QuantumTrain(run, 20, "--generator-max-grad-norm", "0", "--critic-max-grad-norm", "0");
        args[Array.IndexOf(args, "--critic-learning-rate") + 1] = "1e30";

        var result = QganProcess.Run(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("training diverged at iteration", result.StdErr);
        Assert.False(Directory.Exists(new GanRunLayout(run).GeneratorDirectory));
    }
}
