using QGan.MLNet.Trainers.Gan.Checkpoints;
using QGan.MLNet.Trainers.Gan.Training;
using TorchSharp;

namespace QGan.MLNet.Trainers.Tests.Gan;

public sealed class CheckpointResumeTests
{
    private sealed class SimulatedKill : Exception;

    [Theory]
    [InlineData(GeneratorKind.Quantum)]
    [InlineData(GeneratorKind.Classical)]
    public void Run_killed_after_a_checkpoint_and_resumed_ends_exactly_where_an_uninterrupted_run_ends(GeneratorKind kind)
    {
        var options = (kind == GeneratorKind.Quantum ? TrainingSetups.Quantum(8) : TrainingSetups.Classical(8)) with
        {
            CheckpointInterval = 4,
            MetricsInterval = 2,
        };

        // Uninterrupted: 2K iterations.
        var straightDir = new GanRunLayout(TrainingSetups.TempDirectory());
        float[] straightWeights;
        IReadOnlyList<TrainingMetrics> straightMetrics;
        using (var straight = new WganGpTrainer(options, TrainingSetups.Train, straightDir))
        {
            straight.Train();
            straightWeights = [.. TrainingSetups.Flatten(straight.Generator), .. TrainingSetups.Flatten(straight.Critic)];
            straightMetrics = MetricsLog.Read(straightDir.MetricsPath);
        }

        // Killed during iteration 7 (after the checkpoint at 4 and metrics rows at 4 and 6), then resumed.
        var killedDir = new GanRunLayout(TrainingSetups.TempDirectory());
        using (var killed = new WganGpTrainer(options, TrainingSetups.Train, killedDir))
        {
            killed.BeforeIteration = i => { if (i == 7) { throw new SimulatedKill(); } };
            Assert.Throws<SimulatedKill>(() => killed.Train());
        }
        Assert.Equal(4, GanCheckpoint.ReadHeader(killedDir.CheckpointPath).Iteration);
        Assert.Contains(MetricsLog.Read(killedDir.MetricsPath), m => m.Iteration == 6); // written after the checkpoint

        using var resumed = new WganGpTrainer(options, TrainingSetups.Train, killedDir);
        resumed.Train(resume: true);

        Assert.Equal(4, resumed.ResumedFrom);
        float[] resumedWeights = [.. TrainingSetups.Flatten(resumed.Generator), .. TrainingSetups.Flatten(resumed.Critic)];
        Assert.Equal(straightWeights, resumedWeights);
        var resumedMetrics = MetricsLog.Read(killedDir.MetricsPath);
        Assert.Equal(straightMetrics.Select(m => m.Iteration), resumedMetrics.Select(m => m.Iteration));
        Assert.Equal(straightMetrics.Select(m => m.GeneratorLoss), resumedMetrics.Select(m => m.GeneratorLoss));
        Assert.Equal(straightMetrics.Select(m => m.CriticLoss), resumedMetrics.Select(m => m.CriticLoss));
    }

    [Fact]
    public void Finished_run_can_be_extended_to_more_iterations_like_a_longer_run()
    {
        var options = TrainingSetups.Classical(6) with { CheckpointInterval = 3 };
        float[] longRun;
        using (var t = new WganGpTrainer(options, TrainingSetups.Train))
        {
            t.Train();
            longRun = TrainingSetups.Flatten(t.Generator);
        }
        var layout = new GanRunLayout(TrainingSetups.TempDirectory());
        using (var first = new WganGpTrainer(options with { Iterations = 3 }, TrainingSetups.Train, layout))
        {
            first.Train();
        }

        using var second = new WganGpTrainer(options, TrainingSetups.Train, layout);
        second.Train(resume: true);

        Assert.Equal(longRun, TrainingSetups.Flatten(second.Generator));
    }

    [Fact]
    public void Resume_with_a_different_configuration_is_a_clear_error()
    {
        var layout = new GanRunLayout(TrainingSetups.TempDirectory());
        var options = TrainingSetups.Classical(2) with { CheckpointInterval = 2 };
        using (var t = new WganGpTrainer(options, TrainingSetups.Train, layout))
        {
            t.Train();
        }

        using var changed = new WganGpTrainer(options with { Iterations = 4, CriticLearningRate = 1e-3 }, TrainingSetups.Train, layout);
        var ex = Assert.Throws<InvalidDataException>(() => changed.Train(resume: true));

        Assert.Contains("different training configuration", ex.Message);
        Assert.Contains(layout.CheckpointPath, ex.Message);
    }

    [Fact]
    public void Resume_with_different_data_is_a_clear_error()
    {
        var layout = new GanRunLayout(TrainingSetups.TempDirectory());
        var options = TrainingSetups.Classical(2);
        using (var t = new WganGpTrainer(options, TrainingSetups.Train, layout))
        {
            t.Train();
        }

        using var other = new WganGpTrainer(options with { Iterations = 4 }, TrainingSetups.HeldOut, layout);
        var ex = Assert.Throws<InvalidDataException>(() => other.Train(resume: true));

        Assert.Contains("different data", ex.Message);
    }

    [Fact]
    public void Existing_run_is_not_overwritten_without_resume()
    {
        var layout = new GanRunLayout(TrainingSetups.TempDirectory());
        using (var t = new WganGpTrainer(TrainingSetups.Classical(2), TrainingSetups.Train, layout))
        {
            t.Train();
        }
        var before = File.ReadAllBytes(layout.CheckpointPath);

        using var again = new WganGpTrainer(TrainingSetups.Classical(2), TrainingSetups.Train, layout);
        var ex = Assert.Throws<ArgumentException>(() => again.Train());

        Assert.Contains("--resume", ex.Message);
        Assert.Equal(before, File.ReadAllBytes(layout.CheckpointPath));
    }

    [Fact]
    public void Corrupt_checkpoint_is_reported_with_its_path()
    {
        var layout = new GanRunLayout(TrainingSetups.TempDirectory());
        using (var t = new WganGpTrainer(TrainingSetups.Classical(2), TrainingSetups.Train, layout))
        {
            t.Train();
        }
        var bytes = File.ReadAllBytes(layout.CheckpointPath);
        File.WriteAllBytes(layout.CheckpointPath, bytes[..(bytes.Length / 2)]);

        using var resumed = new WganGpTrainer(TrainingSetups.Classical(4), TrainingSetups.Train, layout);
        var ex = Assert.Throws<InvalidDataException>(() => resumed.Train(resume: true));

        Assert.Contains(layout.CheckpointPath, ex.Message);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.97)]
    public void A_checkpoint_with_one_flipped_byte_is_refused_naming_the_file(double where)
    {
        var layout = new GanRunLayout(TrainingSetups.TempDirectory());
        using (var t = new WganGpTrainer(TrainingSetups.Classical(2), TrainingSetups.Train, layout))
        {
            t.Train();
        }
        var bytes = File.ReadAllBytes(layout.CheckpointPath);
        // Past the magic and the version (bytes 0..26): a flip there is refused as "not a checkpoint" instead.
        int position = Math.Max(27, (int)(bytes.Length * where));
        bytes[position] ^= 0x01;
        File.WriteAllBytes(layout.CheckpointPath, bytes);

        using var resumed = new WganGpTrainer(TrainingSetups.Classical(4), TrainingSetups.Train, layout);
        var ex = Assert.Throws<InvalidDataException>(() => resumed.Train(resume: true));
        var header = Assert.Throws<InvalidDataException>(() => GanCheckpoint.ReadHeader(layout.CheckpointPath));

        Assert.Contains(layout.CheckpointPath, ex.Message);
        Assert.Contains("checksum mismatch", ex.Message);
        Assert.Equal(ex.Message, header.Message);
        Assert.Equal(0, resumed.Iteration);
    }

    [Fact]
    public void A_version_1_checkpoint_written_before_checksums_still_resumes_exactly()
    {
        var options = TrainingSetups.Classical(6) with { CheckpointInterval = 3 };
        var straight = new GanRunLayout(TrainingSetups.TempDirectory());
        float[] expected;
        using (var t = new WganGpTrainer(options, TrainingSetups.Train, straight))
        {
            t.Train();
            expected = [.. TrainingSetups.Flatten(t.Generator), .. TrainingSetups.Flatten(t.Critic)];
        }
        var layout = new GanRunLayout(TrainingSetups.TempDirectory());
        using (var t = new WganGpTrainer(options with { Iterations = 3 }, TrainingSetups.Train, layout))
        {
            t.Train();
        }
        // Version 1 had the same layout without the validation state (here one "absent" byte after the RNG words) and
        // without the trailing SHA-256: drop both and write 1 into the version field, which follows the magic string
        // (a length byte and 22 characters).
        var bytes = File.ReadAllBytes(layout.CheckpointPath)[..^32];
        Assert.Equal(2, BitConverter.ToInt32(bytes, 23));
        BitConverter.GetBytes(1).CopyTo(bytes, 23);
        int validationFlag;
        using (var reader = new BinaryReader(new MemoryStream(bytes)))
        {
            reader.ReadString();                       // magic
            reader.ReadInt32();                        // version
            reader.ReadString();                       // configuration hash
            reader.ReadString();                       // data fingerprint
            reader.ReadInt32();                        // iteration
            for (int i = 0; i < 4; i++)
            {
                reader.ReadUInt64();                   // RNG state
            }
            validationFlag = (int)reader.BaseStream.Position;
        }
        Assert.Equal(0, bytes[validationFlag]);        // no validation split: the state is absent
        File.WriteAllBytes(layout.CheckpointPath, [.. bytes[..validationFlag], .. bytes[(validationFlag + 1)..]]);

        using var resumed = new WganGpTrainer(options, TrainingSetups.Train, layout);
        resumed.Train(resume: true);

        Assert.Equal(3, resumed.ResumedFrom);
        float[] actual = [.. TrainingSetups.Flatten(resumed.Generator), .. TrainingSetups.Flatten(resumed.Critic)];
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Injected_nan_stops_training_naming_iteration_and_quantity_and_keeps_the_last_good_checkpoint()
    {
        var layout = new GanRunLayout(TrainingSetups.TempDirectory());
        var options = TrainingSetups.Classical(10) with { CheckpointInterval = 2 };
        using var trainer = new WganGpTrainer(options, TrainingSetups.Train, layout);
        trainer.BeforeIteration = i =>
        {
            if (i == 5)
            {
                using var _ = torch.no_grad();
                trainer.Critic.parameters().First().fill_(float.NaN);
            }
        };

        var ex = Assert.Throws<TrainingDivergedException>(() => trainer.Train());

        Assert.Equal(5, ex.Iteration);
        Assert.Equal("critic loss", ex.Quantity);
        Assert.Equal(4, ex.LastCheckpointIteration);
        Assert.Contains("iteration 5", ex.Message);
        Assert.Contains("critic loss", ex.Message);
        var header = GanCheckpoint.ReadHeader(layout.CheckpointPath);
        Assert.Equal(4, header.Iteration);

        // The kept checkpoint is usable: resuming from it with finite weights continues training.
        using var resumed = new WganGpTrainer(options with { Iterations = 6 }, TrainingSetups.Train, layout);
        resumed.Train(resume: true);
        Assert.All(TrainingSetups.Flatten(resumed.Critic), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Huge_learning_rate_makes_training_diverge_with_a_clear_message()
    {
        var options = TrainingSetups.Classical(20) with { CriticLearningRate = 1e30, CriticMaxGradNorm = double.PositiveInfinity };
        using var trainer = new WganGpTrainer(options, TrainingSetups.Train);

        var ex = Assert.Throws<TrainingDivergedException>(() => trainer.Train());

        Assert.InRange(ex.Iteration, 1, 20);
        Assert.Contains("training diverged at iteration", ex.Message);
        Assert.Contains("no checkpoint was written yet", ex.Message);
    }

    [Fact]
    public void Loss_beyond_the_explosion_threshold_stops_training()
    {
        var options = TrainingSetups.Classical(5) with { ExplosionThreshold = 1e-6 };
        using var trainer = new WganGpTrainer(options, TrainingSetups.Train);

        var ex = Assert.Throws<TrainingDivergedException>(() => trainer.Train());

        Assert.Equal(1, ex.Iteration);
        Assert.Contains("exploded", ex.Message);
    }
}
