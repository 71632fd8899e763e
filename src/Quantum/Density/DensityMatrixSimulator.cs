using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Quantum.Sampling;

namespace QGan.MLNet.Quantum.Density;

/// <summary>Exact noisy simulation with a <see cref="DensityMatrix"/>: the same gates and channels as the trajectories.</summary>
public static class DensityMatrixSimulator
{
    /// <summary>
    /// The density matrix after <paramref name="circuit"/> with the model's noise after every native gate (controlled
    /// rotations run as their two-CX sequence, <see cref="NativeGates"/>).
    /// </summary>
    public static DensityMatrix Run(Circuit circuit, NoiseModel model)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(model);
        if (circuit.QubitCount != model.QubitCount)
        {
            throw new ArgumentException($"circuit has {circuit.QubitCount} qubits, the noise model {model.QubitCount}", nameof(circuit));
        }
        var rho = new DensityMatrix(circuit.QubitCount);
        foreach (var op in NativeGates.Expand(circuit).Gates)
        {
            rho.Apply(op);
            foreach (var step in model.After(op))
            {
                rho.Apply(step);
            }
        }
        return rho;
    }

    /// <summary>
    /// Exact distribution of the read-out bitstrings (basis index, bit q = qubit q) when measuring in
    /// <paramref name="basis"/>: noisy basis change, then the readout confusion of every qubit.
    /// </summary>
    public static double[] MeasurementDistribution(Circuit circuit, NoiseModel model, MeasurementBasis basis)
    {
        var rho = Run(MeasurementBasisCircuits.WithBasisChange(circuit, basis), model);
        var p = rho.Probabilities();
        ReadoutError.ApplyTo(p, model.ReadoutErrors);
        return p;
    }
}
