using QGan.MLNet.Quantum.State;
using QGan.MLNet.Quantum.Style;

namespace QGan.MLNet.Quantum.Tests.Style;

/// <summary>The fused, batched generator against the plain circuit (StyleArchitecture.BuildCircuit + StateVector gate by gate).</summary>
public sealed class StyleGeneratorCrossCheckTests
{
    public static TheoryData<int, int, int, Readout> Instances() => new()
    {
        { 1, 0, 1, Readout.ZX },
        { 2, 1, 3, Readout.ZX },
        { 3, 2, 2, Readout.Z },
        { 4, 3, 4, Readout.XYZ },
        { 5, 2, 7, Readout.ZX },
        { 7, 1, 3, Readout.XYZ },
        { 8, 2, 24, Readout.Z },
    };

    [Theory]
    [MemberData(nameof(Instances))]
    public void Batched_generator_equals_reference_circuit_simulation(int qubits, int layers, int latentDim, Readout readout)
    {
        var inst = RandomStyleInstance.Create(qubits, layers, latentDim, batch: 3, seed: qubits * 13 + layers, readout);
        var arch = inst.Architecture;
        var outputs = new StyleGenerator(arch, 2).Forward(inst.Weights, inst.Biases, inst.Noise);
        Assert.Equal(3 * arch.OutputCount, outputs.Length);
        for (int b = 0; b < inst.Batch; b++)
        {
            var expected = Reference(arch, inst.Weights, inst.Biases, inst.NoiseRow(b));
            for (int k = 0; k < expected.Length; k++)
            {
                double actual = outputs[b * arch.OutputCount + k];
                Assert.True(Math.Abs(expected[k] - actual) < 1e-12, $"sample {b} output {k}: expected {expected[k]}, got {actual}");
            }
        }
    }

    [Fact]
    public void Results_do_not_depend_on_the_thread_count()
    {
        var inst = RandomStyleInstance.Create(5, 2, 3, batch: 9, seed: 77);
        var results = new[] { 1, 2, 3 }.Select(t => new StyleGenerator(inst.Architecture, t)
            .Backward(inst.Weights, inst.Biases, inst.Noise, inst.OutputGradients)).ToArray();
        foreach (var r in results.Skip(1))
        {
            // Bitwise equal: every sample runs on one thread and batch sums are reduced in sample order.
            Assert.Equal(results[0].Outputs, r.Outputs);
            Assert.Equal(results[0].Weights, r.Weights);
            Assert.Equal(results[0].Biases, r.Biases);
            Assert.Equal(results[0].Noise, r.Noise);
        }
    }

    [Fact]
    public void Concurrent_calls_on_one_generator_do_not_interfere()
    {
        var instances = Enumerable.Range(0, 6).Select(i => RandomStyleInstance.Create(5, 2, 3, batch: 3, seed: 200 + i)).ToArray();
        var generator = new StyleGenerator(instances[0].Architecture, 2);
        var expected = instances.Select(inst => generator.Backward(inst.Weights, inst.Biases, inst.Noise, inst.OutputGradients)).ToArray();
        var actual = new StyleGradient[instances.Length];
        Parallel.For(0, instances.Length, new ParallelOptions { MaxDegreeOfParallelism = 3 }, i =>
        {
            var inst = instances[i];
            actual[i] = generator.Backward(inst.Weights, inst.Biases, inst.Noise, inst.OutputGradients);
        });
        for (int i = 0; i < instances.Length; i++)
        {
            Assert.Equal(expected[i].Outputs, actual[i].Outputs);
            Assert.Equal(expected[i].Weights, actual[i].Weights);
            Assert.Equal(expected[i].Noise, actual[i].Noise);
        }
    }

    [Fact]
    public void Backward_outputs_equal_forward_outputs()
    {
        var inst = RandomStyleInstance.Create(4, 2, 3, batch: 4, seed: 3);
        var generator = new StyleGenerator(inst.Architecture, 2);
        var forward = generator.Forward(inst.Weights, inst.Biases, inst.Noise);
        var backward = generator.Backward(inst.Weights, inst.Biases, inst.Noise, inst.OutputGradients);
        Assert.Equal(forward, backward.Outputs);
    }

    /// <summary>Readout of the unfused circuit on the reference state vector, in the architecture's output order.</summary>
    private static double[] Reference(StyleArchitecture arch, double[] weights, double[] biases, double[] noise)
    {
        var state = new StateVector(arch.Qubits);
        foreach (var op in arch.BuildCircuit(weights, biases, noise).Gates)
        {
            state.Apply(op);
        }
        var q = Enumerable.Range(0, arch.Qubits);
        var z = q.Select(state.ExpectationZ);
        var x = q.Select(state.ExpectationX);
        var y = q.Select(state.ExpectationY);
        return (arch.Readout switch
        {
            Readout.ZX => z.Concat(x),
            Readout.Z => z,
            Readout.XYZ => x.Concat(y).Concat(z),
            _ => throw new InvalidOperationException(),
        }).ToArray();
    }
}
