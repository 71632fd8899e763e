namespace QGan.MLNet.Quantum.Noise;

/// <summary>One channel application on specific qubits, as produced by a <see cref="NoiseModel"/> after a gate.</summary>
public abstract record NoiseStep;

/// <summary>A single-qubit channel on <paramref name="Qubit"/>.</summary>
public sealed record SingleQubitNoise(SingleQubitChannel Channel, int Qubit) : NoiseStep;

/// <summary>A two-qubit channel on the ordered pair (<paramref name="First"/>, <paramref name="Second"/>).</summary>
public sealed record TwoQubitNoise(TwoQubitChannel Channel, int First, int Second) : NoiseStep;
