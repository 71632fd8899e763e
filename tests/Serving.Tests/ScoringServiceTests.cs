using QGan.MLNet.Transforms.Onnx;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Serving.Api;
using QGan.MLNet.Tests.Shared.Data;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Trainers.Production;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Png;
using QGan.MLNet.Transforms.Latent;

namespace QGan.MLNet.Serving.Tests;

public sealed class ScoringServiceTests(TrainedRunFixture run) : IClassFixture<TrainedRunFixture>, IAsyncLifetime
{
    private ServiceHost _host = null!;

    private HttpClient Client => _host.Client;

    private static JsonSerializerOptions Json => ScoringService.JsonOptions;

    public async Task InitializeAsync() => _host = await ServiceHost.StartAsync(run.Options());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Health_and_model_describe_the_loaded_generator()
    {
        var health = await Client.GetFromJsonAsync<HealthResponse>("/health", Json);
        Assert.Equal(new HealthResponse("ok", "quantum", 12, 24), health);

        var model = await Client.GetFromJsonAsync<ModelResponse>("/model", Json);
        Assert.NotNull(model);
        // The manifest travels inside the exported model: the same fields as the run's manifest.json.
        var manifest = model.Manifest!.Value;
        Assert.Equal("Quantum", manifest.GetProperty("kind").GetString());
        Assert.Equal(12, manifest.GetProperty("qubits").GetInt32());
        Assert.Equal(2, manifest.GetProperty("iterations").GetInt32());
        Assert.EndsWith("model.onnx", model.Model);
        Assert.EndsWith("critic.onnx", model.Critic);
        Assert.EndsWith("encoder.onnx", model.Encoder);
        Assert.Equal(256, model.Limits.MaxCount);
    }

    [Fact]
    public async Task Generate_json_matches_the_csharp_generator_and_decoder()
    {
        var response = await Client.GetFromJsonAsync<GenerateResponse>("/generate?count=3&seed=11&format=json", Json);
        Assert.NotNull(response);
        Assert.Equal("hwc", response.Layout);
        Assert.Equal(3, response.Latents.Length);

        // Same noise stream as `qgan sample --seed 11`, through the C# path: the TorchSharp generator (SIMD simulator)
        // and the ML.NET decoder. The service ran the exported ONNX model only.
        using var package = GeneratorPackage.Open(run.RunDirectory);
        var noise = new float[3 * 12];
        new SeededRandom(11).FillNormal(noise);
        var latents = package.Generator.Generate(noise);
        var images = new OnnxLatentDecoder(new MLContext(seed: 0), package.Decoder).Decode(latents);
        for (int i = 0; i < 3; i++)
        {
            for (int k = 0; k < 24; k++)
            {
                Assert.Equal(latents[i * 24 + k], response.Latents[i][k], 1e-4);
            }
            // HWC in the response, CHW from the decoder: pixel (row 5, col 7), band NIR.
            int p = 5 * 28 + 7;
            Assert.Equal(images[i * 3136 + 3 * 784 + p], response.Images[i][p * 4 + 3], 1e-4);
            Assert.Equal(images[i * 3136 + 0 * 784 + p], response.Images[i][p * 4 + 0], 1e-4);
            Assert.All(response.Images[i], v => Assert.InRange(v, 0f, 1f));
        }
    }

    [Fact]
    public async Task Generate_png_is_a_grid_of_the_requested_size()
    {
        using var response = await Client.GetAsync("/generate?count=6&seed=1&columns=3");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        // 3 columns x 2 rows of 56-px patches with 2-px gaps.
        Assert.Equal(3 * 58 + 2, bitmap.Width);
        Assert.Equal(2 * 58 + 2, bitmap.Height);
    }

    [Fact]
    public async Task Encode_accepts_png_and_json_and_both_match_the_encoder()
    {
        var chwBytes = new byte[Sat4Schema.PixelCount];
        new Random(3).NextBytes(chwBytes);
        var png = PngPatchCodec.Encode(chwBytes);
        using var pngContent = new ByteArrayContent(png);
        pngContent.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var fromPng = await Client.PostAsync("/encode", pngContent);
        Assert.Equal(HttpStatusCode.OK, fromPng.StatusCode);
        var pngLatent = (await fromPng.Content.ReadFromJsonAsync<EncodeResponse>(Json))!.Latent;

        var hwc = new float[Sat4Schema.PixelCount];
        for (int c = 0; c < 4; c++)
        {
            for (int p = 0; p < 784; p++)
            {
                hwc[p * 4 + c] = chwBytes[c * 784 + p] / 255f;
            }
        }
        using var fromJson = await Client.PostAsJsonAsync("/encode", hwc, Json);
        var jsonLatent = (await fromJson.Content.ReadFromJsonAsync<EncodeResponse>(Json))!.Latent;

        // Independent path: ONNX Runtime on the shipped encoder with the CHW floats.
        using var session = new InferenceSession(Path.Combine(TrainedRunFixture.AutoencoderDirectory, "encoder.onnx"));
        var chw = chwBytes.Select(b => b / 255f).ToArray();
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("image", new DenseTensor<float>(chw, [1, 4, 28, 28]))]);
        var expected = results.Single().AsTensor<float>().ToArray();

        Assert.Equal(24, pngLatent.Length);
        for (int k = 0; k < 24; k++)
        {
            Assert.Equal(expected[k], pngLatent[k], 1e-5);
            Assert.Equal(expected[k], jsonLatent[k], 1e-5);
        }
    }

    [Fact]
    public async Task Score_returns_latent_features_and_the_exported_critic_agrees_with_the_runs_critic()
    {
        var generated = await Client.GetFromJsonAsync<GenerateResponse>("/generate?count=2&seed=4&format=json", Json);
        using var response = await Client.PostAsJsonAsync("/score", new ScoreRequest(generated!.Images), Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var score = (await response.Content.ReadFromJsonAsync<ScoreResponse>(Json))!;
        Assert.Equal(2, score.Count);
        Assert.Null(score.ExtractorFeatures);
        Assert.NotNull(score.CriticScores);

        using var encoded = await Client.PostAsJsonAsync("/encode", generated.Images[1], Json);
        var latent = (await encoded.Content.ReadFromJsonAsync<EncodeResponse>(Json))!.Latent;
        Assert.Equal(latent, score.LatentFeatures[1]);

        using var package = GeneratorPackage.Open(run.RunDirectory);
        var critic = package.Critic!.Score(score.LatentFeatures.SelectMany(r => r).ToArray());
        Assert.Equal(critic[0], score.CriticScores[0], 1e-5);
        Assert.Equal(critic[1], score.CriticScores[1], 1e-5);
        Assert.NotEqual(score.CriticScores[0], score.CriticScores[1]);
    }

    [Theory]
    [InlineData("/generate?count=0", "'count' must be in 1..256")]
    [InlineData("/generate?count=257", "'count' must be in 1..256")]
    [InlineData("/generate?count=ten", "'count' must be an integer")]
    [InlineData("/generate?seed=1.5", "'seed' must be an integer")]
    [InlineData("/generate?format=gif", "'format' must be png or json")]
    public async Task Bad_generate_queries_are_400_problems(string url, string message)
    {
        using var response = await Client.GetAsync(url);
        await AssertProblem(response, HttpStatusCode.BadRequest, message);
    }

    [Fact]
    public async Task Bad_encode_bodies_are_rejected_with_clear_problems()
    {
        using (var shortArray = await Client.PostAsJsonAsync("/encode", new float[100], Json))
        {
            await AssertProblem(shortArray, HttpStatusCode.BadRequest, "has 100 values, expected 3136");
        }
        var outOfRange = new float[3136];
        outOfRange[17] = 255f;
        using (var bytes = await Client.PostAsJsonAsync("/encode", outOfRange, Json))
        {
            await AssertProblem(bytes, HttpStatusCode.BadRequest, "the image[17] is 255");
        }
        using (var notJson = await Client.PostAsync("/encode", new StringContent("[1, 2,", Encoding.UTF8, "application/json")))
        {
            await AssertProblem(notJson, HttpStatusCode.BadRequest, "not valid JSON");
        }
        using (var nan = await Client.PostAsync("/encode", new StringContent("[\"NaN\"]", Encoding.UTF8, "application/json")))
        {
            await AssertProblem(nan, HttpStatusCode.BadRequest, "not valid JSON");
        }
        using (var notPng = await Client.PostAsync("/encode", Png(Encoding.ASCII.GetBytes("GIF89a not a png"))))
        {
            await AssertProblem(notPng, HttpStatusCode.BadRequest, "not a PNG");
        }
        var big = PngPatchCodec.EncodeRgba(new byte[32 * 32 * 4], 32, 32, opaque: false);
        using (var wrongSize = await Client.PostAsync("/encode", Png(big)))
        {
            await AssertProblem(wrongSize, HttpStatusCode.BadRequest, "32x32 pixels, expected 28x28");
        }
        using (var text = await Client.PostAsync("/encode", new StringContent("hello", Encoding.UTF8, "text/plain")))
        {
            await AssertProblem(text, HttpStatusCode.UnsupportedMediaType, "image/png");
        }
    }

    [Theory]
    [InlineData(8, 2, "8-bit RGB PNG")]
    [InlineData(8, 0, "8-bit grayscale PNG")]
    [InlineData(8, 3, "8-bit palette PNG")]
    [InlineData(16, 6, "16-bit RGBA PNG")]
    public async Task Encode_refuses_pngs_other_than_8_bit_rgba_instead_of_inventing_a_nir_band(byte bitDepth, byte colourType, string described)
    {
        using var refused = await Client.PostAsync("/encode", Png(PngBytes.Build(28, 28, bitDepth, colourType)));
        await AssertProblem(refused, HttpStatusCode.BadRequest, $"the PNG image: {described}, expected 8-bit RGBA");

        // The same hand-built PNG as 8-bit RGBA is encoded: the refusals are about the layout alone.
        using var accepted = await Client.PostAsync("/encode", Png(PngBytes.Build(28, 28, 8, 6)));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Bad_score_bodies_are_rejected_with_clear_problems()
    {
        using (var empty = await Client.PostAsJsonAsync("/score", new ScoreRequest([]), Json))
        {
            await AssertProblem(empty, HttpStatusCode.BadRequest, "non-empty array");
        }
        using (var ragged = await Client.PostAsJsonAsync("/score", new ScoreRequest([new float[3136], new float[3135]]), Json))
        {
            await AssertProblem(ragged, HttpStatusCode.BadRequest, "images[1] has 3135 values");
        }
        using (var missing = await Client.PostAsync("/score", new StringContent("{}", Encoding.UTF8, "application/json")))
        {
            await AssertProblem(missing, HttpStatusCode.BadRequest, "non-empty array");
        }
    }

    [Fact]
    public async Task Oversized_bodies_and_image_counts_hit_the_configured_limits()
    {
        await using var strict = await ServiceHost.StartAsync(run.Options() with
        {
            MaxRequestBodyBytes = 4096,
            MaxScoreImages = 1,
            MaxCount = 4,
        });
        using (var tooBig = await strict.Client.PostAsJsonAsync("/encode", new float[3136], Json))
        {
            await AssertProblem(tooBig, HttpStatusCode.RequestEntityTooLarge, "limit is 4096 bytes");
        }
        using (var tooMany = await strict.Client.GetAsync("/generate?count=5"))
        {
            await AssertProblem(tooMany, HttpStatusCode.BadRequest, "'count' must be in 1..4");
        }
    }

    [Fact]
    public async Task Concurrent_requests_give_the_same_answers_as_sequential_ones()
    {
        var seeds = Enumerable.Range(100, 12).ToArray();
        var sequential = new List<float[][]>();
        foreach (var seed in seeds)
        {
            sequential.Add((await Client.GetFromJsonAsync<GenerateResponse>($"/generate?count=2&seed={seed}&format=json", Json))!.Latents);
        }
        var concurrent = await Task.WhenAll(seeds.Select(seed => Task.Run(async () =>
            (await Client.GetFromJsonAsync<GenerateResponse>($"/generate?count=2&seed={seed}&format=json", Json))!.Latents)));
        for (int i = 0; i < seeds.Length; i++)
        {
            Assert.Equal(sequential[i], concurrent[i]);
        }
        Assert.NotEqual(sequential[0][0], sequential[1][0]);
    }

    private static ByteArrayContent Png(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(message, problem.RootElement.GetProperty("detail").GetString());
    }
}
