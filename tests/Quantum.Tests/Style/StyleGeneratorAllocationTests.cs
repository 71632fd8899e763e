using QGan.MLNet.Quantum.Style;

namespace QGan.MLNet.Quantum.Tests.Style;

/// <summary>
/// The hot loop allocates nothing per sample or per gate: on one thread (all work on the calling thread) a call
/// allocates the same few bytes whether the batch has 1 or 16 samples, once the runner pool is warm.
/// </summary>
public sealed class StyleGeneratorAllocationTests
{
    [Fact]
    public void Forward_and_backward_allocations_do_not_grow_with_the_batch()
    {
        var small = RandomStyleInstance.Create(6, 2, 3, batch: 1, seed: 2);
        var large = RandomStyleInstance.Create(6, 2, 3, batch: 16, seed: 2);
        var generator = new StyleGenerator(small.Architecture, 1);

        long Forward(RandomStyleInstance inst)
        {
            var outputs = new double[inst.Batch * inst.Architecture.OutputCount];
            generator.Forward(inst.Weights, inst.Biases, inst.Noise, outputs); // warm-up
            long before = GC.GetAllocatedBytesForCurrentThread();
            generator.Forward(inst.Weights, inst.Biases, inst.Noise, outputs);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        long Backward(RandomStyleInstance inst)
        {
            int gates = inst.Architecture.EncodedGateCount;
            var dw = new double[gates];
            var db = new double[gates];
            var dz = new double[inst.Noise.Length];
            generator.Backward(inst.Weights, inst.Biases, inst.Noise, inst.OutputGradients, dw, db, dz); // warm-up
            long before = GC.GetAllocatedBytesForCurrentThread();
            generator.Backward(inst.Weights, inst.Biases, inst.Noise, inst.OutputGradients, dw, db, dz);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        long forwardSmall = Forward(small), forwardLarge = Forward(large);
        long backwardSmall = Backward(small), backwardLarge = Backward(large);
        Assert.Equal(forwardSmall, forwardLarge);
        Assert.Equal(backwardSmall, backwardLarge);
        Assert.True(forwardLarge < 1024, $"forward allocated {forwardLarge} bytes per call");
        Assert.True(backwardLarge < 1024, $"backward allocated {backwardLarge} bytes per call");
    }
}
