using QGan.MLNet.Trainers.Features.Inception;
using QGan.MLNet.Trainers.PyTorch;
using QGan.MLNet.Transforms.Features;

using QGan.MLNet.Tests.Shared.Inception;

namespace QGan.MLNet.Trainers.Tests.Features.Inception;

/// <summary>
/// The imported model reproduces what pytorch-fid computed with the same weights (expected.json): pool3 of the
/// float probes through the inception preset's resize and scaling, and the sums of all four output blocks.
/// </summary>
public sealed class FidInceptionImporterTests(ImportedInceptionFixture imported) : IClassFixture<ImportedInceptionFixture>
{
    private const double Tolerance = 1e-4;

    private OnnxFeatureExtractorOptions Options(string output) =>
        OnnxFeatureExtractorOptions.InceptionV3Fid(imported.ModelPath, onnxOutputName: output) with
        {
            SourceChannels = 3,
            SourceHeight = 64,
            SourceWidth = 64,
            ExpectedFeatureDimension = output == FidInceptionOnnx.OutputName ? OnnxFeatureExtractorOptions.InceptionFeatureDimension : null,
        };

    [Fact]
    public void Pool3_of_the_probe_images_matches_pytorch_fid()
    {
        using var extractor = new OnnxFeatureExtractor(Options(FidInceptionOnnx.OutputName));
        var features = extractor.Extract(InceptionReference.ProbeImages);

        var expected = InceptionReference.Pool3;
        Assert.Equal(4, features.Length);
        for (var i = 0; i < features.Length; i++)
        {
            InceptionReference.AssertClose(expected[i], features[i], Tolerance, $"pool3 of probe {i}");
        }
    }

    [Fact]
    public void Block_outputs_have_pytorch_fids_shapes_and_sums()
    {
        var shapes = InceptionReference.BlockShapes;
        var sums = InceptionReference.BlockSums;
        string[] outputs = [.. FidInceptionOnnx.BlockOutputNames, FidInceptionOnnx.OutputName];
        for (var b = 0; b < outputs.Length; b++)
        {
            using var extractor = new OnnxFeatureExtractor(Options(outputs[b]));
            Assert.Equal(shapes[b][1..].Aggregate(1L, (x, y) => x * y), extractor.FeatureDimension);
            var features = extractor.Extract(InceptionReference.ProbeImages);
            for (var i = 0; i < features.Length; i++)
            {
                var sum = features[i].Sum(v => (double)v);
                Assert.True(Math.Abs(sum - sums[b][i]) <= Tolerance * Math.Abs(sums[b][i]),
                    $"block {b} of probe {i}: sum {sum:R}, pytorch-fid {sums[b][i]:R}");
            }
        }
    }

    [Fact]
    public void Result_describes_the_weights_and_the_written_model()
    {
        var result = imported.Result;
        Assert.Equal(TorchSaveFormat.Zip, result.Format);
        Assert.True(result.Gzipped);
        Assert.Equal(566, result.KeyCount);
        Assert.Equal([FidInceptionOnnx.OutputName, .. FidInceptionOnnx.BlockOutputNames], result.Outputs);
        Assert.Equal(new FileInfo(imported.ModelPath).Length, result.OutputBytes);
        Assert.Equal(64, result.WeightsSha256.Length);
    }
}
