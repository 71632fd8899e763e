using QGan.MLNet.Core.Limits;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Gates;

namespace QGan.MLNet.Quantum.Style;

/// <summary>
/// Shape of the style-based generator circuit (Bravo-Prieto et al. 2022) used by Liepelt &amp; Baglio.
/// Per layer: on each qubit q = 0..n-1 the gates RY, RZ, RY, RZ; then CRY(q, (q+1) mod n) for q = 0..n-1.
/// After all layers one RY per qubit. Encoded gate g (0-based, in that order) has the angle
/// <c>weights[g] * noise[g mod LatentDim] + biases[g]</c>.
/// </summary>
public sealed record StyleArchitecture
{
    /// <summary>A circuit layout of <paramref name="qubits"/> qubits and <paramref name="layers"/> style layers reading noise of dimension <paramref name="latentDim"/>.</summary>
    public StyleArchitecture(int qubits, int layers, int latentDim, Readout readout = Readout.ZX)
    {
        if (qubits is < 1 or > Circuit.MaxQubits)
        {
            throw new ArgumentOutOfRangeException(nameof(qubits), qubits, $"qubits must be in 1..{Circuit.MaxQubits}");
        }
        if (layers is < 0 or > SizeLimits.MaxLayers)
        {
            throw new ArgumentOutOfRangeException(nameof(layers), layers, $"layers must be in 0..{SizeLimits.MaxLayers}");
        }
        if (latentDim is < 1 or > SizeLimits.MaxNoiseDimension)
        {
            throw new ArgumentOutOfRangeException(nameof(latentDim), latentDim, $"latent dimension must be in 1..{SizeLimits.MaxNoiseDimension}");
        }
        if (qubits == 1 && layers > 0)
        {
            throw new ArgumentException("a style layer needs at least 2 qubits (CRY(q, q+1 mod n) would act on one qubit)", nameof(qubits));
        }
        Qubits = qubits;
        Layers = layers;
        LatentDim = latentDim;
        Readout = readout;
    }

    /// <summary>Number of qubits n.</summary>
    public int Qubits { get; }

    /// <summary>Number of style layers L.</summary>
    public int Layers { get; }

    /// <summary>Dimension D of the noise vector: gate g reads noise component g mod D.</summary>
    public int LatentDim { get; }

    /// <summary>Which Pauli expectations form the output.</summary>
    public Readout Readout { get; }

    /// <summary>Number of encoded (noise-dependent) gates: 5 n L + n.</summary>
    public int EncodedGateCount => 5 * Qubits * Layers + Qubits;

    /// <summary>Trainable parameters (one weight and one bias per encoded gate): 10 n L + 2 n.</summary>
    public int ParameterCount => 2 * EncodedGateCount;

    /// <summary>Length of the generator output for <see cref="Readout"/>.</summary>
    public int OutputCount => Readout switch
    {
        Readout.ZX => 2 * Qubits,
        Readout.Z => Qubits,
        Readout.XYZ => 3 * Qubits,
        _ => throw new InvalidOperationException($"unknown readout {Readout}"),
    };

    /// <summary>The gate skeleton: kind, target and control of each encoded gate g (angles are zero).</summary>
    public GateOp[] GateSkeleton()
    {
        int n = Qubits;
        var ops = new GateOp[EncodedGateCount];
        int g = 0;
        for (int layer = 0; layer < Layers; layer++)
        {
            for (int q = 0; q < n; q++)
            {
                ops[g++] = GateOp.Ry(q, 0);
                ops[g++] = GateOp.Rz(q, 0);
                ops[g++] = GateOp.Ry(q, 0);
                ops[g++] = GateOp.Rz(q, 0);
            }
            for (int q = 0; q < n; q++)
            {
                ops[g++] = GateOp.Cry(q, (q + 1) % n, 0);
            }
        }
        for (int q = 0; q < n; q++)
        {
            ops[g++] = GateOp.Ry(q, 0);
        }
        return ops;
    }

    /// <summary>Angles of the encoded gates for one noise sample: angle[g] = w[g] * z[g mod D] + b[g].</summary>
    public void Angles(ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, ReadOnlySpan<double> noise, Span<double> angles)
    {
        CheckLength(weights.Length, EncodedGateCount, "weights");
        CheckLength(biases.Length, EncodedGateCount, "biases");
        CheckLength(noise.Length, LatentDim, "noise");
        CheckLength(angles.Length, EncodedGateCount, "angles");
        for (int g = 0; g < angles.Length; g++)
        {
            double a = weights[g] * noise[g % LatentDim] + biases[g];
            if (!double.IsFinite(a))
            {
                throw new ArgumentException($"angle of encoded gate {g} is not finite (weight {weights[g]}, noise {noise[g % LatentDim]}, bias {biases[g]})");
            }
            angles[g] = a;
        }
    }

    /// <summary>The circuit bound to one noise sample (used by exporters and as the reference for fast kernels).</summary>
    public Circuit BuildCircuit(ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, ReadOnlySpan<double> noise)
    {
        var angles = new double[EncodedGateCount];
        Angles(weights, biases, noise, angles);
        var skeleton = GateSkeleton();
        var circuit = new Circuit(Qubits);
        for (int g = 0; g < skeleton.Length; g++)
        {
            circuit.Add(skeleton[g] with { Theta = angles[g] });
        }
        return circuit;
    }

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has {actual} values, expected {expected}", name);
        }
    }
}
