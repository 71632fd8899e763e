using System.Text.Json;
using QGan.MLNet.Transforms.Features;
using QGan.MLNet.Tests.Shared;

namespace QGan.MLNet.Transforms.Tests.Features;

/// <summary><c>tests/fixtures/onnx/tiny-features.*</c>: a PyTorch-exported feature model and its probe output.</summary>
internal static class TinyFeaturesFixture
{
    public static string ModelPath => Fixtures.Path("onnx", "tiny-features.onnx");

    public static JsonElement Expected { get; } =
        JsonDocument.Parse(File.ReadAllText(Fixtures.Path("onnx", "tiny-features.expected.json"))).RootElement;

    public static float[][] ProbeOutput =>
        Expected.GetProperty("probe_output").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();

    /// <summary>
    /// <c>torch.linspace(-1, 1, steps)</c> in float32 as torch computes it: <c>step = (end - start) / (steps - 1)</c>
    /// in float; the first half is <c>start + step * i</c>, the second half <c>end - step * (steps - 1 - i)</c>.
    /// </summary>
    public static float[] TorchLinspace(float start, float end, int steps)
    {
        var step = (end - start) / (steps - 1);
        var halfway = steps / 2;
        var values = new float[steps];
        for (var i = 0; i < steps; i++)
        {
            values[i] = i < halfway ? start + step * i : end - step * (steps - i - 1);
        }
        return values;
    }

    /// <summary>The probe input <c>linspace(-1, 1, 2*3*32*32).reshape(2, 3, 32, 32)</c> as two CHW images.</summary>
    public static float[][] ProbeImages()
    {
        var all = TorchLinspace(-1f, 1f, 2 * 3 * 32 * 32);
        return [all[..3072], all[3072..]];
    }

    /// <summary>Options for the fixture model: 3 x 32 x 32 images passed through unchanged.</summary>
    public static OnnxFeatureExtractorOptions Options() => new()
    {
        ModelPath = ModelPath,
        OnnxInputName = "images",
        OnnxOutputName = "features",
        SourceChannels = 3,
        SourceHeight = 32,
        SourceWidth = 32,
        Bands = [0, 1, 2],
    };
}
