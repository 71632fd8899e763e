using QGan.MLNet.Transforms.Data.Png;
using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Runs;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Data;

namespace QGan.MLNet.Experiments.Report;

/// <summary>
/// Sample grids (real / autoencoder reconstruction / best quantum / best classical generator)
/// when the sweep has an autoencoder and image data, each in RGB, false colour and NIR. The "best" generator of a kind is its stable run with the
/// lowest FID.
/// </summary>
internal static class SampleGrids
{
    public const int Count = 16;
    private const ulong NoiseSeed = 2026;

    /// <summary>The grids, or the reason they cannot be drawn.</summary>
    public static (IReadOnlyList<SampleSet> Grids, string? Missing) Draw(ReportInputs inputs)
    {
        var data = inputs.Config.Data;
        if (data.Autoencoder is null)
        {
            return ([], "the sweep was trained on pre-encoded latents without an autoencoder, so there is no decoder to draw images");
        }
        var ml = new MLContext(seed: 0);
        var ae = AutoencoderTransformer.Load(ml, data.Autoencoder);
        var decoder = new OnnxLatentDecoder(ml, ae.Decoder);
        if (decoder.ImageLength != Sat4Schema.PixelCount)
        {
            return ([], $"the decoder produces {decoder.ImageLength} values per image, not SAT-4 patches");
        }
        var grids = new List<SampleSet>();
        IDataView? images = data.Synthetic is int n ? ml.QGan().Data.Synthetic(Math.Min(n, Count), SweepRunExecutor.SyntheticDataSeed)
            : data.Path is not null ? ml.QGan().Data.LoadSat4(data.Path, Sat4Schema.TrainSplit) : null;
        if (images is not null)
        {
            var real = images.GetColumn<float[]>(Sat4Schema.ImageColumn).Take(Count).SelectMany(x => x).ToArray();
            grids.Add(Grid("real", "Real patches", real));
            var latents = ae.Transform(images).GetColumn<float[]>(ae.LatentColumnName).Take(Count).SelectMany(x => x).ToArray();
            grids.Add(Grid("reconstruction", "Autoencoder reconstructions of the same patches", decoder.Decode(latents)));
        }
        foreach (var kind in new[] { SweepRunStatus.Quantum, SweepRunStatus.Classical })
        {
            var best = inputs.Rows
                .Where(r => r.GeneratorKind == kind && inputs.Stability[r.Index].Stable)
                .OrderBy(r => r.Fid).ThenBy(r => r.Index).FirstOrDefault();
            var dir = best is null ? null : inputs.Layout.Run(best.Index).GeneratorDirectory;
            if (dir is null || !File.Exists(Path.Combine(dir, TrainedGenerator.ManifestFileName)))
            {
                continue;
            }
            using var generator = TrainedGenerator.Load(dir);
            var noise = new float[Count * generator.NoiseDimension];
            new SeededRandom(NoiseSeed).FillNormal(noise);
            var title = $"Best {kind} generator: {best!.GeneratorLabel}, critic width {best.CriticWidth}, seed {best.Seed} (run {best.Index}, FID {best.Fid:G3})";
            grids.Add(Grid(kind, title, decoder.Decode(generator.Generate(noise))));
        }
        return (grids, grids.Count == 0 ? "no images or trained generators were found" : null);
    }

    private static SampleSet Grid(string name, string title, float[] images) => new(title,
    [
        new ReportFigure($"samples-{name}-rgb.png", "RGB", BandGrid.Render(images, BandGrid.View.Rgb)),
        new ReportFigure($"samples-{name}-cir.png", "false colour (NIR, R, G)", BandGrid.Render(images, BandGrid.View.FalseColour)),
        new ReportFigure($"samples-{name}-nir.png", "NIR", BandGrid.Render(images, BandGrid.View.Nir)),
    ]);
}

/// <summary>One set of 16 patches drawn in several views (file name, view caption, PNG).</summary>
internal sealed record SampleSet(string Title, IReadOnlyList<ReportFigure> Views);
