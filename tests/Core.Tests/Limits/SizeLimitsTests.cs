using QGan.MLNet.Core.Limits;

namespace QGan.MLNet.Core.Tests.Limits;

public sealed class SizeLimitsTests
{
    [Fact]
    public void Check_names_the_option_and_the_range()
    {
        Assert.Equal(7, SizeLimits.Check(7, 1, 10, "--x"));
        var ex = Assert.Throws<ArgumentException>(() => SizeLimits.Check(2_000_000_000, 1, SizeLimits.MaxBatchSize, "$.training.batchSize"));
        Assert.Equal("$.training.batchSize must be in 1..65,536, got 2,000,000,000", ex.Message);
    }

    [Fact]
    public void Mlp_parameters_count_weights_and_biases_without_overflow()
    {
        // 12 -> 64 -> 64 -> 24: (12*64 + 64) + (64*64 + 64) + (64*24 + 24).
        Assert.Equal(832 + 4160 + 1560, SizeLimits.MlpParameters(12, [64, 64], 24));
        Assert.Equal(16_777_216L * 16_777_216 + 16_777_216 + 12L * 16_777_216 + 16_777_216 + 16_777_216L * 24 + 24,
            SizeLimits.MlpParameters(12, [16_777_216, 16_777_216], 24));
    }

    [Fact]
    public void State_memory_grows_with_the_qubits_and_thirty_qubits_exceed_a_small_machine()
    {
        Assert.Equal(64L << 12, SizeLimits.StateBytes(12));
        Assert.Equal(64L << 30, SizeLimits.StateBytes(30));
        Assert.True(SizeLimits.AvailableMemoryBytes > 0);
    }
}
