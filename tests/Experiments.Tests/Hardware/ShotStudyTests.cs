using QGan.MLNet.Quantum.Sampling;
using QGan.MLNet.Experiments.Hardware;
using QGan.MLNet.Experiments.Measurement;
using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Trainers.Hardware;

namespace QGan.MLNet.Experiments.Tests.Hardware;

/// <summary>RQ4's shot study on a 3-qubit generator: shot noise as predicted, falling as 1/sqrt(shots); device noise on top.</summary>
public sealed class ShotStudyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private QuantumGeneratorCircuits Generator()
    {
        var options = new GanTrainingOptions
        {
            Generator = GeneratorKind.Quantum, Qubits = 3, Layers = 2, NoiseDimension = 3, QuantumInitRange = 1.0,
            CriticHidden = [8], BatchSize = 8, CriticSteps = 1, Iterations = 1, Seed = 5,
        };
        var random = new Random(1);
        var latents = new LatentDataSet([.. Enumerable.Range(0, 60).Select(_ => (float)(random.NextDouble() - 0.5))], 6);
        using var trainer = new WganGpTrainer(options, latents);
        trainer.Train();
        var dir = Path.Combine(_dir.Path, "generator");
        using (var exported = trainer.ExportGenerator())
        {
            exported.Save(dir);
        }
        return QuantumGeneratorCircuits.Load(dir);
    }

    private static SpaceSet Data()
    {
        var random = new Random(2);
        var values = Enumerable.Range(0, 200 * 6).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        return SpaceSet.From(values, 6, new SpaceMaps(null, null), "data");
    }

    [Fact]
    public void Ideal_shot_noise_matches_its_prediction_and_the_device_model_adds_to_it()
    {
        var generator = Generator();
        var data = Data();
        // Readout error alone biases every estimate by (p10 - p01) - (p01 + p10) e: visible above shot noise at 20000 shots.
        var noise = NoiseModel.Uniform(3, double.PositiveInfinity, double.PositiveInfinity, new ReadoutError(0.05, 0.08), 0, 0, 0, 0, "readout");
        var settings = new ShotStudySettings([100, 20000], noise, Trajectories: 4, Seed: 3);
        var depth = ShotStudy.Run(generator, data, new SpaceMaps(null, null), settings, noiseSeed: 7);

        Assert.Equal((2, 3, 200), (depth.Layers, depth.Qubits, depth.Samples));
        Assert.Equal([100L, 20000L], depth.Ideal.Select(p => p.Shots));
        foreach (var p in depth.Ideal)
        {
            // 200 samples x 6 outputs: the measured RMS deviation is the predicted shot-noise RMS within ~10 %.
            Assert.InRange(p.RmsDeviation / p.ShotNoiseRms, 0.88, 1.12);
        }
        Assert.InRange(depth.Ideal[0].RmsDeviation / depth.Ideal[1].RmsDeviation, 10, 18); // sqrt(200) = 14.1
        Assert.True(depth.Ideal[1].FidToNoiseFree < depth.Ideal[0].FidToNoiseFree / 50);
        // With device noise the deviation stays far above shot noise at many shots (a bias does not average out).
        Assert.True(depth.Noisy![1].RmsDeviation > 3 * depth.Noisy[1].ShotNoiseRms);
        // Many shots approach the noise-free generator's FID against the data; the FIDs are against the same data set.
        Assert.Equal(depth.NoiseFree[QualitySpace.Latent].Fid!.Value, depth.Ideal[1].Spaces[QualitySpace.Latent].Fid!.Value, 0.05 * depth.NoiseFree[QualitySpace.Latent].Fid!.Value);

        // Reproducible for the seeds.
        var again = ShotStudy.Run(generator, data, new SpaceMaps(null, null), settings, noiseSeed: 7);
        Assert.Equal(depth.Noisy.Select(p => p.RmsDeviation), again.Noisy!.Select(p => p.RmsDeviation));
        Assert.Equal(depth.Ideal.Select(p => p.Spaces[QualitySpace.Latent].Fid), again.Ideal.Select(p => p.Spaces[QualitySpace.Latent].Fid));
    }
}
