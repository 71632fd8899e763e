using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.State;

namespace QGan.MLNet.Quantum.Sampling;

/// <summary>Shot-based estimate of the style readout: counts in the Z and X bases and the estimated expectations.</summary>
public sealed record ShotEstimate(MeasurementCounts ZCounts, MeasurementCounts XCounts)
{
    /// <summary>Estimated &lt;Z_i&gt; (qubit 0 first).</summary>
    public double[] Z => ZCounts.Expectations();

    /// <summary>Estimated &lt;X_i&gt; (qubit 0 first).</summary>
    public double[] X => XCounts.Expectations();

    /// <summary>The generator output [&lt;Z_0&gt;..&lt;Z_{n-1}&gt;, &lt;X_0&gt;..&lt;X_{n-1}&gt;].</summary>
    public double[] Outputs => CountsEstimator.StyleOutputs(ZCounts, XCounts);
}

/// <summary>
/// Finite-shot measurement of a pure state (ideal device, optionally with readout error): Z-basis shots sample
/// |a_i|^2, X-basis shots sample the state after H on every qubit. Deterministic for a seed: the Z shots use
/// sub-stream 0 and the X shots sub-stream 1 of <see cref="SeededRandom.ForStream"/>.
/// </summary>
public static class ShotEstimator
{
    /// <summary>Expectation values estimated from <paramref name="shots"/> measurements per basis of <paramref name="state"/>, optionally through readout errors; reproducible from <paramref name="seed"/>.</summary>
    public static ShotEstimate Estimate(StateVector state, long shots, ulong seed, IReadOnlyList<ReadoutError>? readout = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var z = Sample(state, MeasurementBasis.Z, shots, seed, readout);
        var x = Sample(state, MeasurementBasis.X, shots, seed, readout);
        return new ShotEstimate(z, x);
    }

    /// <summary>Runs <paramref name="circuit"/> on |0..0&gt; (no gate noise) and estimates the readout from shots.</summary>
    public static ShotEstimate Estimate(Circuit circuit, long shots, ulong seed, IReadOnlyList<ReadoutError>? readout = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var state = new StateVector(circuit.QubitCount);
        state.Apply(circuit);
        return Estimate(state, shots, seed, readout);
    }

    /// <summary>Counts of <paramref name="shots"/> measurements of <paramref name="state"/> in <paramref name="basis"/>.</summary>
    public static MeasurementCounts Sample(StateVector state, MeasurementBasis basis, long shots, ulong seed, IReadOnlyList<ReadoutError>? readout = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (shots < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(shots), shots, "shots must be >= 1");
        }
        if (readout is not null && readout.Count != state.QubitCount)
        {
            throw new ArgumentException($"readout has {readout.Count} entries, the state has {state.QubitCount} qubits", nameof(readout));
        }
        var measured = state;
        if (basis == MeasurementBasis.X)
        {
            measured = state.Clone();
            var h = GateMatrices.Of(GateOp.H(0));
            for (int q = 0; q < state.QubitCount; q++)
            {
                measured.ApplySingle(h, q);
            }
        }
        else if (basis != MeasurementBasis.Z)
        {
            throw new ArgumentOutOfRangeException(nameof(basis), basis, "unknown measurement basis");
        }
        var probabilities = OutcomeSampler.Probabilities(measured.Amplitudes);
        if (readout is not null)
        {
            ReadoutError.ApplyTo(probabilities, readout);
        }
        var histogram = new long[probabilities.Length];
        new OutcomeSampler(probabilities).Sample(shots, SeededRandom.ForStream(seed, (ulong)basis), histogram);
        return MeasurementCounts.FromHistogram(state.QubitCount, histogram);
    }
}
