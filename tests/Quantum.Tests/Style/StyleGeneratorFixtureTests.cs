using QGan.MLNet.Quantum.Style;

namespace QGan.MLNet.Quantum.Tests.Style;

/// <summary>The batched generator reproduces the independent "style" fixtures, alone and inside a batch, on 1 and 2 threads.</summary>
public sealed class StyleGeneratorFixtureTests
{
    private const double Tolerance = 1e-10;

    public static TheoryData<int, int> StyleCasesAndThreads()
    {
        var data = new TheoryData<int, int>();
        foreach (int index in ReferenceCircuits.IndexList("style"))
        {
            data.Add(index, 1);
            data.Add(index, 2);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(StyleCasesAndThreads))]
    public void Single_sample_matches_fixture(int caseIndex, int threads)
    {
        var c = ReferenceCircuits.Case(caseIndex);
        var generator = new StyleGenerator(Architecture(c), threads);
        var outputs = generator.Forward(c.Doubles("weights"), c.Doubles("biases"), c.Doubles("noise"));
        AssertOutputs(c, outputs);
    }

    [Theory]
    [MemberData(nameof(StyleCasesAndThreads))]
    public void Fixture_sample_inside_a_batch_matches_fixture(int caseIndex, int threads)
    {
        var c = ReferenceCircuits.Case(caseIndex);
        var arch = Architecture(c);
        var generator = new StyleGenerator(arch, threads);
        var noise = c.Doubles("noise");
        // Batch of 5: the fixture row at position 3, other rows with different noise around it.
        var rng = new Random(caseIndex);
        var batch = new double[5 * arch.LatentDim];
        for (int i = 0; i < batch.Length; i++)
        {
            batch[i] = rng.NextDouble() * 2 - 1;
        }
        noise.CopyTo(batch, 3 * arch.LatentDim);
        var outputs = generator.Forward(c.Doubles("weights"), c.Doubles("biases"), batch);
        AssertOutputs(c, outputs.AsSpan(3 * arch.OutputCount, arch.OutputCount).ToArray());
    }

    private static StyleArchitecture Architecture(System.Text.Json.JsonElement c) =>
        new(c.GetProperty("qubits").GetInt32(), c.GetProperty("layers").GetInt32(), c.GetProperty("latent_dim").GetInt32());

    private static void AssertOutputs(System.Text.Json.JsonElement c, double[] outputs)
    {
        int n = c.GetProperty("qubits").GetInt32();
        var expected = c.Doubles("generator_output");
        var z = c.Doubles("z");
        var x = c.Doubles("x");
        Assert.Equal(2 * n, outputs.Length);
        for (int q = 0; q < n; q++)
        {
            Assert.True(Math.Abs(z[q] - outputs[q]) < Tolerance, $"<Z_{q}>: expected {z[q]}, got {outputs[q]}");
            Assert.True(Math.Abs(x[q] - outputs[n + q]) < Tolerance, $"<X_{q}>: expected {x[q]}, got {outputs[n + q]}");
        }
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.True(Math.Abs(expected[k] - outputs[k]) < Tolerance, $"output {k}: expected {expected[k]}, got {outputs[k]}");
        }
    }
}
