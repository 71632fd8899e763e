using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Gates;

namespace QGan.MLNet.Quantum.Sampling;

/// <summary>The basis every qubit is measured in.</summary>
public enum MeasurementBasis
{
    /// <summary>Computational basis: outcome 0 means +1 for &lt;Z&gt;.</summary>
    Z,
    /// <summary>X basis: H on every qubit, then a Z measurement (outcome 0 means +1 for &lt;X&gt;).</summary>
    X,
}

/// <summary>Builds the circuit that is actually executed for a measurement basis.</summary>
public static class MeasurementBasisCircuits
{
    /// <summary>
    /// A copy of <paramref name="circuit"/> followed by the basis change (nothing for Z, H on every qubit for X).
    /// On hardware the basis change consists of real gates, so noisy simulators treat these H gates like any other gate.
    /// </summary>
    public static Circuit WithBasisChange(Circuit circuit, MeasurementBasis basis)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var measured = new Circuit(circuit.QubitCount).AddRange(circuit.Gates);
        if (basis == MeasurementBasis.X)
        {
            for (int q = 0; q < circuit.QubitCount; q++)
            {
                measured.Add(GateOp.H(q));
            }
        }
        else if (basis != MeasurementBasis.Z)
        {
            throw new ArgumentOutOfRangeException(nameof(basis), basis, "unknown measurement basis");
        }
        return measured;
    }
}
