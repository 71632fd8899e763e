using System.Buffers.Binary;
using System.Text.Json;
using QGan.MLNet.Tests.Shared;

namespace QGan.MLNet.Cli.Tests.Hardware;

/// <summary>The paper's shape: a 12-qubit generator (24-d latents) trained with an autoencoder, sampled against SAT-4 data.</summary>
public sealed class HardwareSimWithAutoencoderTests(TinyAutoencoder autoencoder) : IClassFixture<TinyAutoencoder>
{
    [Fact]
    public void Twelve_qubit_generator_is_compared_with_encoded_sat4_data_in_latent_and_pixel_space()
    {
        var run = Directory.CreateTempSubdirectory("qgan-cli-hw12-").FullName;
        var train = QganProcess.Run("train", "--generator", "quantum", "--qubits", "12", "--layers", "1", "--critic-hidden", "8",
            "--iterations", "2", "--autoencoder", autoencoder.Directory, "--synthetic", "40", "--out", run, "--batch-size", "8",
            "--critic-steps", "1", "--metrics-interval", "2", "--checkpoint-interval", "2", "--held-out", "10");
        Assert.True(train.ExitCode == 0, train.StdErr);
        var mat = Fixtures.Path("sat4", "sat4mini.mat");

        var result = QganProcess.Run("hardware-sim", "--model", run, "--shots", "300", "--count", "12", "--autoencoder", autoencoder.Directory, "--data", mat, "--name", "mini");

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var doc = JsonDocument.Parse(result.StdOut);
        var comparison = doc.RootElement.GetProperty("comparison");
        var vsData = comparison.GetProperty("vsData");
        Assert.Contains("sat4mini.mat", vsData.GetProperty("source").GetString());
        Assert.True(vsData.GetProperty("rows").GetInt32() >= 2);
        Assert.InRange(vsData.GetProperty("hardware").GetProperty("pixelJsd").GetDouble(), 0, Math.Log(2));
        Assert.InRange(comparison.GetProperty("vsNoiseFree").GetProperty("pixelJsd").GetDouble(), 0, Math.Log(2));
        var headline = doc.RootElement.GetProperty("headline");
        Assert.Equal(vsData.GetProperty("hardware").GetProperty("latentFid").GetDouble(), headline.GetProperty("noisyFid").GetDouble());
        Assert.Equal(vsData.GetProperty("noiseFree").GetProperty("latentFid").GetDouble(), headline.GetProperty("noiseFreeFid").GetDouble());

        // 12 decoded samples as a false-colour grid beside the report: 4 columns of 58-px cells plus a 2-px border.
        var png = File.ReadAllBytes(Path.Combine(run, "hardware", "mini.png"));
        Assert.Equal(4 * 58 + 2, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(3 * 58 + 2, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }
}
