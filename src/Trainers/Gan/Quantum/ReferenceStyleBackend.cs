using System.Numerics;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.State;
using QGan.MLNet.Quantum.Style;

namespace QGan.MLNet.Trainers.Gan.Quantum;

/// <summary>
/// Style-circuit backend built on the reference <see cref="StateVector"/>: the forward applies exactly the gates
/// of <see cref="StyleArchitecture.BuildCircuit"/> (so it reproduces the reference bit for bit), and the backward
/// is the adjoint method: with psi the final state and H = sum_k g_k O_k the readout weighted by dL/d(outputs),
/// dL/d(theta_j) = 2 Re &lt;lambda_j| dU_j/d(theta) |phi_{j-1}&gt;, where phi and lambda are un-computed gate by gate
/// (two extra statevector sweeps instead of 2G forward passes for parameter shift).
/// Rows of the batch run in parallel.
/// </summary>
/// <remarks>
/// An independent, simple implementation of the <see cref="IStyleCircuitBackend"/> contract (no SIMD, general
/// gate application): tests cross-check the default <see cref="SimdStyleBackend"/> against it.
/// </remarks>
public sealed class ReferenceStyleBackend : IStyleCircuitBackend
{
    private readonly GateOp[] _skeleton;

    /// <summary>A reference backend for <paramref name="architecture"/>.</summary>
    public ReferenceStyleBackend(StyleArchitecture architecture)
    {
        Architecture = architecture ?? throw new ArgumentNullException(nameof(architecture));
        _skeleton = architecture.GateSkeleton();
    }

    /// <summary>The circuit layout.</summary>
    public StyleArchitecture Architecture { get; }

    /// <summary>Name for reports.</summary>
    public string Name => "reference-adjoint";

    /// <summary>Outputs on the reference statevector, gate by gate.</summary>
    public void Forward(ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, ReadOnlySpan<double> noise, int batch, Span<double> outputs)
    {
        var arch = Architecture;
        CheckShapes(weights, biases, noise, batch);
        CheckLength(outputs.Length, batch * arch.OutputCount, "outputs");
        var w = weights.ToArray();
        var b = biases.ToArray();
        var z = noise.ToArray();
        var result = new double[outputs.Length];
        Parallel.For(0, batch, row =>
        {
            var state = Simulate(w, b, z.AsSpan(row * arch.LatentDim, arch.LatentDim), out _);
            Readouts.Measure(state, arch.Readout, result.AsSpan(row * arch.OutputCount, arch.OutputCount));
        });
        result.CopyTo(outputs);
    }

    /// <summary>Gradients by parameter shift on the reference statevector (slow; a test oracle).</summary>
    public void Backward(
        ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, ReadOnlySpan<double> noise, int batch,
        ReadOnlySpan<double> gradOutputs, Span<double> gradWeights, Span<double> gradBiases, Span<double> gradNoise)
    {
        var arch = Architecture;
        int gates = arch.EncodedGateCount;
        int d = arch.LatentDim;
        CheckShapes(weights, biases, noise, batch);
        CheckLength(gradOutputs.Length, batch * arch.OutputCount, "gradOutputs");
        CheckLength(gradWeights.Length, gates, "gradWeights");
        CheckLength(gradBiases.Length, gates, "gradBiases");
        CheckLength(gradNoise.Length, batch * d, "gradNoise");
        var w = weights.ToArray();
        var b = biases.ToArray();
        var z = noise.ToArray();
        var g = gradOutputs.ToArray();
        var angleGrads = new double[batch * gates];
        Parallel.For(0, batch, row =>
        {
            var state = Simulate(w, b, z.AsSpan(row * d, d), out var angles);
            AngleGradients(state, angles, g.AsSpan(row * arch.OutputCount, arch.OutputCount), angleGrads.AsSpan(row * gates, gates));
        });

        // Chain rule through angle_g = w_g * z_{g mod D} + b_g; rows are summed in a fixed order (deterministic).
        gradWeights.Clear();
        gradBiases.Clear();
        gradNoise.Clear();
        for (int row = 0; row < batch; row++)
        {
            for (int k = 0; k < gates; k++)
            {
                double ga = angleGrads[row * gates + k];
                double zk = z[row * d + k % d];
                gradWeights[k] += ga * zk;
                gradBiases[k] += ga;
                gradNoise[row * d + k % d] += ga * w[k];
            }
        }
    }

    private StateVector Simulate(double[] weights, double[] biases, ReadOnlySpan<double> noise, out double[] angles)
    {
        var arch = Architecture;
        angles = new double[arch.EncodedGateCount];
        arch.Angles(weights, biases, noise, angles);
        var state = new StateVector(arch.Qubits);
        for (int k = 0; k < _skeleton.Length; k++)
        {
            state.Apply(_skeleton[k] with { Theta = angles[k] });
        }
        return state;
    }

    /// <summary>dL/d(angle) for every encoded gate of one sample, by the adjoint sweep.</summary>
    private void AngleGradients(StateVector psi, double[] angles, ReadOnlySpan<double> gradOutputs, Span<double> angleGrads)
    {
        var lambda = Readouts.ApplyWeightedObservable(psi, Architecture.Readout, gradOutputs);
        var phi = psi;
        for (int k = _skeleton.Length - 1; k >= 0; k--)
        {
            var op = _skeleton[k] with { Theta = angles[k] };
            var m = GateMatrices.Of(op);
            var inverse = m.Adjoint();
            ApplyMatrix(phi, inverse, op);
            // Every encoded gate is a rotation exp(-i t P / 2); its derivative is R(t + pi) / 2.
            var derivative = GateMatrices.Of(op with { Theta = angles[k] + Math.PI });
            // 2 Re<lambda|dU|phi> with dU = R(t + pi) / 2 (and zero on the control = 0 subspace of CRY).
            angleGrads[k] = InnerRealPart(lambda, phi, derivative, op);
            ApplyMatrix(lambda, inverse, op);
        }
    }

    private static void ApplyMatrix(StateVector state, in Matrix2 m, in GateOp op)
    {
        if (op.IsControlled)
        {
            state.ApplyControlled(m, op.Control, op.Target);
        }
        else
        {
            state.ApplySingle(m, op.Target);
        }
    }

    /// <summary>Re &lt;lambda| M |phi&gt; for M acting on the target (restricted to control = 1 for controlled gates).</summary>
    private static double InnerRealPart(StateVector lambda, StateVector phi, in Matrix2 m, in GateOp op)
    {
        var l = lambda.Amplitudes;
        var p = phi.Amplitudes;
        int stride = 1 << op.Target;
        int cmask = op.IsControlled ? 1 << op.Control : 0;
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            if ((i & stride) != 0 || (i & cmask) != cmask)
            {
                continue;
            }
            Complex p0 = p[i], p1 = p[i + stride];
            Complex m0 = m.M00 * p0 + m.M01 * p1;
            Complex m1 = m.M10 * p0 + m.M11 * p1;
            sum += (Complex.Conjugate(l[i]) * m0 + Complex.Conjugate(l[i + stride]) * m1).Real;
        }
        return sum;
    }

    private void CheckShapes(ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, ReadOnlySpan<double> noise, int batch)
    {
        if (batch < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch must be >= 0");
        }
        CheckLength(weights.Length, Architecture.EncodedGateCount, "weights");
        CheckLength(biases.Length, Architecture.EncodedGateCount, "biases");
        CheckLength(noise.Length, batch * Architecture.LatentDim, "noise");
    }

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has {actual} values, expected {expected}", name);
        }
    }
}
