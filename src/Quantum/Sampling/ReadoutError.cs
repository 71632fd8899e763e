namespace QGan.MLNet.Quantum.Sampling;

/// <summary>
/// Classical readout error of one qubit, as a confusion matrix: <see cref="P01"/> = P(read 1 | state 0) and
/// <see cref="P10"/> = P(read 0 | state 1) (IBM's prob_meas1_prep0 and prob_meas0_prep1).
/// </summary>
public readonly record struct ReadoutError
{
    /// <summary>A readout error with P(read 1 | 0) = <paramref name="p01"/> and P(read 0 | 1) = <paramref name="p10"/> (each in [0, 1), summing to less than 1).</summary>
    public ReadoutError(double p01, double p10)
    {
        Check(p01, nameof(p01));
        Check(p10, nameof(p10));
        if (p01 + p10 >= 1)
        {
            throw new ArgumentException($"readout errors p01 = {p01} and p10 = {p10} sum to >= 1: the readout carries no information");
        }
        P01 = p01;
        P10 = p10;
    }

    /// <summary>An ideal readout.</summary>
    public static ReadoutError None => new(0, 0);

    /// <summary>P(read 1 | state 0).</summary>
    public double P01 { get; }

    /// <summary>P(read 0 | state 1).</summary>
    public double P10 { get; }

    /// <summary>True when both error probabilities are 0.</summary>
    public bool IsIdeal => P01 == 0 && P10 == 0;

    /// <summary>Measured expectation of a true one: &lt;Z&gt;_read = (1 - p01 - p10) &lt;Z&gt; + (p10 - p01).</summary>
    public double Distort(double expectation) => (1 - P01 - P10) * expectation + (P10 - P01);

    /// <summary>Inverse of <see cref="Distort"/>: unbiased readout mitigation of an estimated expectation.</summary>
    public double Mitigate(double measuredExpectation) => (measuredExpectation - (P10 - P01)) / (1 - P01 - P10);

    /// <summary>
    /// Applies independent per-qubit confusion matrices to a probability vector over basis indices (bit q = qubit q)
    /// in place: the exact distribution of what is read out. Sampling from it is equivalent to sampling the true
    /// outcome and flipping each bit with its error probability.
    /// </summary>
    public static void ApplyTo(Span<double> probabilities, IReadOnlyList<ReadoutError> perQubit)
    {
        ArgumentNullException.ThrowIfNull(perQubit);
        if (probabilities.Length != 1L << perQubit.Count)
        {
            throw new ArgumentException($"{probabilities.Length} probabilities do not match {perQubit.Count} qubits", nameof(probabilities));
        }
        for (int q = 0; q < perQubit.Count; q++)
        {
            var e = perQubit[q];
            if (e.IsIdeal)
            {
                continue;
            }
            int stride = 1 << q;
            for (int block = 0; block < probabilities.Length; block += stride << 1)
            {
                for (int i = block; i < block + stride; i++)
                {
                    double p0 = probabilities[i], p1 = probabilities[i + stride];
                    probabilities[i] = (1 - e.P01) * p0 + e.P10 * p1;
                    probabilities[i + stride] = e.P01 * p0 + (1 - e.P10) * p1;
                }
            }
        }
    }

    private static void Check(double p, string name)
    {
        if (!double.IsFinite(p) || p < 0 || p > 1)
        {
            throw new ArgumentOutOfRangeException(name, p, $"{name} must be a probability in [0, 1]");
        }
    }
}
