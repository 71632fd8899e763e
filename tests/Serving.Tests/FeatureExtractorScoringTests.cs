using System.Net;
using System.Net.Http.Json;
using QGan.MLNet.Serving.Api;
using QGan.MLNet.Tests.Shared;
using QGan.MLNet.Transforms.Features;

namespace QGan.MLNet.Serving.Tests;

public sealed class FeatureExtractorScoringTests(TrainedRunFixture run) : IClassFixture<TrainedRunFixture>
{
    [Fact]
    public async Task Score_adds_the_configured_onnx_extractors_features()
    {
        // The shared PyTorch-exported extractor takes [N, 3, 32, 32]: bands R, G, B, bilinearly resized from 28x28.
        var extractorPath = Fixtures.Path("onnx", "tiny-features.onnx");
        await using var host = await ServiceHost.StartAsync(run.Options() with { FeatureExtractorPath = extractorPath });
        var generated = await host.Client.GetFromJsonAsync<GenerateResponse>("/generate?count=2&seed=8&format=json", ScoringService.JsonOptions);

        using var response = await host.Client.PostAsJsonAsync("/score", new ScoreRequest(generated!.Images), ScoringService.JsonOptions);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var score = (await response.Content.ReadFromJsonAsync<ScoreResponse>(ScoringService.JsonOptions))!;

        using var extractor = new OnnxFeatureExtractor(new OnnxFeatureExtractorOptions { ModelPath = extractorPath, TargetHeight = 32, TargetWidth = 32 });
        var chw = generated.Images.Select(hwc =>
        {
            var image = new float[3136];
            for (int c = 0; c < 4; c++)
            {
                for (int p = 0; p < 784; p++)
                {
                    image[c * 784 + p] = hwc[p * 4 + c];
                }
            }
            return image;
        }).ToArray();
        var expected = extractor.Extract(chw);
        Assert.NotNull(score.ExtractorFeatures);
        Assert.Equal(2, score.ExtractorFeatures.Length);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(extractor.FeatureDimension, score.ExtractorFeatures[i].Length);
            for (int k = 0; k < expected[i].Length; k++)
            {
                Assert.Equal(expected[i][k], score.ExtractorFeatures[i][k], 1e-5);
            }
        }
    }
}
