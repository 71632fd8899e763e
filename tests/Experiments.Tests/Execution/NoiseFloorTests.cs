using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Execution;
using QGan.MLNet.Experiments.Measurement;
using QGan.MLNet.Experiments.Runs;
using QGan.MLNet.Trainers.Gan.Data;
using QGan.MLNet.Transforms.Evaluation;

namespace QGan.MLNet.Experiments.Tests.Execution;

/// <summary>The noise floor: FID and JSD between the validation and test splits, recomputed by hand from the same seeded splits.</summary>
public sealed class NoiseFloorTests
{
    [Fact]
    public void The_noise_floor_is_the_mean_over_seeds_of_the_fid_between_the_two_real_splits()
    {
        using var ws = new SweepWorkspace(120);
        var config = SweepConfigParser.Parse("""
            {
              "data": { "latents": "lat.csv" },
              "heldOut": 30,
              "generators": { "classical": { "widths": [4] } },
              "critic": { "widths": [8] },
              "seeds": [3, 9],
              "training": { "iterations": 2 }
            }
            """, "sweep.json", ws.Root);
        var layout = new SweepLayout(ws.Combine("out"));
        var outcome = SweepPostPass.Run(config, layout);
        Assert.True(outcome.NoiseFloor);
        Assert.False(outcome.Autoencoders); // pre-encoded latents: no autoencoder
        var floor = QGan.MLNet.Experiments.Analysis.NoiseFloorFile.LoadFrom(layout.Directory)!;
        Assert.Equal(30, floor.EvalSamples);
        Assert.Equal([QualitySpace.Latent], floor.Spaces.Keys);

        var all = LatentSources.ReadCsv(ws.LatentsPath);
        double expectedFid = 0, expectedJsd = 0;
        foreach (long seed in new long[] { 3, 9 })
        {
            var (_, validation, test) = LatentSources.SplitEvaluation(all, 30, 30, seed);
            static List<float[]> Rows(Trainers.Gan.Training.LatentDataSet s) => [.. Enumerable.Range(0, s.Rows).Select(r => s.Row(r).ToArray())];
            expectedFid += FrechetDistance.Compute(Rows(validation!), Rows(test)) / 2;
            expectedJsd += FeatureHistogramJsd.Compute(Rows(validation!), Rows(test)).Mean / 2;
        }
        Assert.Equal(expectedFid, floor.Spaces[QualitySpace.Latent].Fid!.Value, 10);
        Assert.Equal(expectedJsd, floor.Spaces[QualitySpace.Latent].Jsd!.Value, 10);
        Assert.True(expectedFid > 0);

        // Written once: a second pass leaves the file as it is.
        var bytes = File.ReadAllBytes(layout.NoiseFloorPath);
        Assert.False(SweepPostPass.Run(config, layout).NoiseFloor);
        Assert.Equal(bytes, File.ReadAllBytes(layout.NoiseFloorPath));
    }
}
