namespace QGan.MLNet.Trainers.Gan.Models;

/// <summary>Analytic parameter count of a fully connected network: sum over layers of (in + 1) * out.</summary>
public static class MlpCapacity
{
    /// <summary>Trainable parameters of an MLP inputs -&gt; hidden widths -&gt; outputs (weights and biases).</summary>
    public static long Count(int inputs, IReadOnlyList<int> hidden, int outputs)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        long total = 0;
        int previous = inputs;
        foreach (var width in hidden)
        {
            total += (long)(previous + 1) * width;
            previous = width;
        }
        return total + (long)(previous + 1) * outputs;
    }

    internal static void Validate(int inputs, IReadOnlyList<int> hidden, int outputs, string what)
    {
        if (inputs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs, $"{what}: input width must be >= 1");
        }
        if (outputs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(outputs), outputs, $"{what}: output width must be >= 1");
        }
        ArgumentNullException.ThrowIfNull(hidden);
        for (int i = 0; i < hidden.Count; i++)
        {
            if (hidden[i] < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(hidden), hidden[i], $"{what}: hidden layer {i} has width {hidden[i]}, must be >= 1");
            }
        }
    }
}
