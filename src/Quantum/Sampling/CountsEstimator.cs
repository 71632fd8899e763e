
namespace QGan.MLNet.Quantum.Sampling;

/// <summary>
/// Turns measurement counts (simulated or returned by hardware) back into generator outputs, optionally undoing
/// known readout errors.
/// </summary>
public static class CountsEstimator
{
    /// <summary>
    /// [&lt;Z_0&gt;..&lt;Z_{n-1}&gt;, &lt;X_0&gt;..&lt;X_{n-1}&gt;] from Z-basis and X-basis counts. With
    /// <paramref name="mitigate"/> each estimate is corrected by <see cref="ReadoutError.Mitigate"/> and clipped to [-1, 1].
    /// </summary>
    public static double[] StyleOutputs(MeasurementCounts zCounts, MeasurementCounts xCounts, IReadOnlyList<ReadoutError>? mitigate = null)
    {
        ArgumentNullException.ThrowIfNull(zCounts);
        ArgumentNullException.ThrowIfNull(xCounts);
        if (zCounts.QubitCount != xCounts.QubitCount)
        {
            throw new ArgumentException($"Z counts are on {zCounts.QubitCount} qubits, X counts on {xCounts.QubitCount}", nameof(xCounts));
        }
        int n = zCounts.QubitCount;
        if (mitigate is not null && mitigate.Count != n)
        {
            throw new ArgumentException($"readout mitigation has {mitigate.Count} entries, counts have {n} qubits", nameof(mitigate));
        }
        var outputs = new double[2 * n];
        for (int q = 0; q < n; q++)
        {
            outputs[q] = Correct(zCounts.Expectation(q), q);
            outputs[n + q] = Correct(xCounts.Expectation(q), q);
        }
        return outputs;

        double Correct(double e, int q) => mitigate is null ? e : Math.Clamp(mitigate[q].Mitigate(e), -1, 1);
    }

    /// <summary>Same as <see cref="StyleOutputs(MeasurementCounts, MeasurementCounts, IReadOnlyList{ReadoutError}?)"/> from bitstring dictionaries (qubit 0 rightmost).</summary>
    public static double[] StyleOutputs(int qubitCount, IEnumerable<KeyValuePair<string, long>> zCounts, IEnumerable<KeyValuePair<string, long>> xCounts, IReadOnlyList<ReadoutError>? mitigate = null) =>
        StyleOutputs(MeasurementCounts.FromBitstrings(qubitCount, zCounts), MeasurementCounts.FromBitstrings(qubitCount, xCounts), mitigate);
}
