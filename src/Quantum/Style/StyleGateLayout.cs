namespace QGan.MLNet.Quantum.Style;

/// <summary>
/// Where each encoded gate of a <see cref="StyleArchitecture"/> sits in the flat angle vector (the order of
/// <see cref="StyleArchitecture.GateSkeleton"/>): layer l starts at 5 n l; the block of qubit q holds
/// RY, RZ, RY, RZ at 4 q .. 4 q + 3; CRY(q, q+1 mod n) is at 4 n + q; the final RY of qubit q is at 5 n L + q.
/// </summary>
internal readonly record struct StyleGateLayout(int Qubits, int Layers)
{
    public int LayerStart(int layer) => 5 * Qubits * layer;

    public int Block(int layer, int qubit) => LayerStart(layer) + 4 * qubit;

    public int Cry(int layer, int control) => LayerStart(layer) + 4 * Qubits + control;

    public int FinalRy(int qubit) => 5 * Qubits * Layers + qubit;

    public int CryTarget(int control) => (control + 1) % Qubits;

    /// <summary>True when encoded gate <paramref name="g"/> is a CRY (the last n gates of each layer).</summary>
    public bool IsCry(int g) => g < 5 * Qubits * Layers && g % (5 * Qubits) >= 4 * Qubits;
}
