using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Hardware;

namespace QGan.MLNet.Trainers.Tests.Hardware;

[Collection(TorchGlobalStateCollection.Name)]
public sealed class QuantumGeneratorCircuitsTests
{
    [Fact]
    public void Exact_circuit_outputs_equal_the_trained_torch_generator_on_the_same_noise()
    {
        var run = SavedGenerators.Quantum();
        var circuits = QuantumGeneratorCircuits.Load(run);
        using var trained = TrainedGenerator.Load(Path.Combine(run, "generator"));
        var noise = NoiseVectors.Draw(16, 3, seed: 11);

        // Two independent paths: the TorchSharp module (SIMD backend, float32 output) and a plain statevector of the bound circuit.
        var torchOutputs = trained.Generate(noise.SelectMany(r => r.Select(v => (float)v)).ToArray());
        for (int r = 0; r < noise.Length; r++)
        {
            var exact = circuits.ExactOutputs(noise[r]);
            for (int k = 0; k < 6; k++)
            {
                Assert.Equal(torchOutputs[r * 6 + k], exact[k], 1e-5);
            }
        }
        Assert.Equal(Path.Combine(run, "generator"), circuits.Directory);
        Assert.Equal(2 * (5 * 3 * 2 + 3), circuits.Architecture.ParameterCount);
        Assert.Contains(circuits.Weights, w => Math.Abs(w) > 0.5);
    }

    [Fact]
    public void Noise_vectors_are_those_qgan_sample_draws_and_survive_csv_bit_for_bit()
    {
        var rows = NoiseVectors.Draw(5, 4, seed: 3);
        var expected = new float[20];
        new SeededRandom(3).FillNormal(expected);
        Assert.Equal(expected.Select(v => (double)v), rows.SelectMany(r => r));

        var file = Path.Combine(SavedGenerators.TempDirectory(), "noise.csv");
        NoiseVectors.Write(file, rows);
        var back = NoiseVectors.Read(file, 4);
        Assert.Equal(rows.SelectMany(r => r), back.SelectMany(r => r));

        var error = Assert.Throws<InvalidDataException>(() => NoiseVectors.Read(file, 3));
        Assert.Contains("row 1: 4 values, expected 3 (the generator's noise dimension)", error.Message);
    }

    [Fact]
    public void A_classical_generator_is_rejected_with_a_clear_error()
    {
        var error = Assert.Throws<NotSupportedException>(() => QuantumGeneratorCircuits.Load(SavedGenerators.Classical()));
        Assert.Contains("classical generator", error.Message);
        Assert.Contains("quantum", error.Message);
    }

    [Fact]
    public void A_readout_other_than_zx_is_rejected()
    {
        var error = Assert.Throws<NotSupportedException>(() => QuantumGeneratorCircuits.Load(SavedGenerators.Quantum(readout: Readout.XYZ)));
        Assert.Contains("XYZ", error.Message);
    }

    [Fact]
    public void A_folder_without_a_generator_is_named_in_the_error()
    {
        var empty = SavedGenerators.TempDirectory();
        var error = Assert.Throws<FileNotFoundException>(() => QuantumGeneratorCircuits.Load(empty));
        Assert.Contains(empty, error.Message);
        Assert.Throws<DirectoryNotFoundException>(() => QuantumGeneratorCircuits.Load(Path.Combine(empty, "missing")));
    }
}
