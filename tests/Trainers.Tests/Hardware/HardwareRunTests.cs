using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Trainers.Hardware;

namespace QGan.MLNet.Trainers.Tests.Hardware;

[Collection(TorchGlobalStateCollection.Name)]
public sealed class HardwareRunTests
{
    [Fact]
    public void Simulation_report_compares_with_the_noise_free_generator_and_data_and_round_trips_through_json()
    {
        var run = SavedGenerators.Quantum();
        var generator = QuantumGeneratorCircuits.Load(run);
        // "Data": exact outputs of the same generator on other noise, so the noise-free generator matches it closely.
        var dataRows = NoiseVectors.Draw(300, 3, seed: 99).Select(v => generator.ExactOutputs(v)).ToArray();
        var data = new LatentDataSet(dataRows.SelectMany(r => r.Select(v => (float)v)).ToArray(), 6, "same-generator data");

        var few = HardwareRun.Simulate(generator, new HardwareSamplingOptions(100, Seed: 1), 200, 7, data);
        var many = HardwareRun.Simulate(generator, new HardwareSamplingOptions(20000, Seed: 1), 200, 7, data);

        Assert.Equal(200, few.Latents.Count);
        Assert.Equal(many.Exact.SelectMany(r => r), few.Exact.SelectMany(r => r));
        // More shots: closer to the noise-free generator, in FID and per value (about 1/sqrt(N)).
        Assert.True(many.Report.Comparison.VsNoiseFree.LatentFid < few.Report.Comparison.VsNoiseFree.LatentFid / 20,
            $"{many.Report.Comparison.VsNoiseFree.LatentFid} vs {few.Report.Comparison.VsNoiseFree.LatentFid}");
        Assert.InRange(few.Report.Comparison.Deviation.Rms / many.Report.Comparison.Deviation.Rms, 10, 18);
        var vsData = many.Report.Comparison.VsData!;
        Assert.Equal(300, vsData.Rows);
        Assert.Equal(vsData.NoiseFree.LatentFid!.Value, vsData.Hardware.LatentFid!.Value, 0.05);
        Assert.Null(vsData.Hardware.PixelJsd);

        var path = Path.Combine(run, "hardware", "r.json");
        var saved = few.Report.Save(path, few.Latents);
        Assert.Equal("r.latents.csv", saved.LatentsFile);
        var back = HardwareReport.Load(path);
        Assert.Equal(saved.ToJson(), back.ToJson());
        Assert.Equal(200, File.ReadAllLines(Path.Combine(run, "hardware", "r.latents.csv")).Length);
        Assert.Equal(Path.Combine(Path.GetFullPath(run), "hardware", "x.json"), HardwareReport.DefaultPath(generator.Directory, "x"));
    }
}
