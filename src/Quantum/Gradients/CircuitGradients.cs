using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.Kernels;
using QGan.MLNet.Quantum.Observables;
using QGan.MLNet.Quantum.State;

namespace QGan.MLNet.Quantum.Gradients;

/// <summary>
/// d&lt;H&gt;/d(angles) of a general circuit started in |0...0&gt;, for a <see cref="PauliObservable"/> H. The gradient
/// vector lists the angles in gate order: one entry per RX / RY / RZ / CRY / CRZ, three (theta, phi, lambda) per U,
/// none for fixed gates (see <see cref="ParameterCount"/>). Three independent methods, as for the style generator.
/// </summary>
public static unsafe class CircuitGradients
{
    /// <summary>Length of the gradient vector of <paramref name="circuit"/>.</summary>
    public static int ParameterCount(Circuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        return circuit.Gates.Sum(g => g.ParameterCount);
    }

    /// <summary>&lt;H&gt; after the circuit.</summary>
    public static double Expectation(Circuit circuit, PauliObservable observable)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(observable);
        var state = new SplitStateVector(circuit.QubitCount);
        state.Apply(circuit);
        return observable.Expectation(state);
    }

    /// <summary>
    /// Adjoint method: one forward pass, then one backward sweep that un-applies each gate from the state phi and the
    /// cotangent lambda = H phi; a rotation exp(-i t P / 2) contributes Im &lt;lambda|P|phi&gt; from a read-only cross-term
    /// pass (restricted to control = 1 for CRY / CRZ; U is differentiated as RZ(phi) RY(theta) RZ(lambda)).
    /// </summary>
    public static double[] Adjoint(Circuit circuit, PauliObservable observable)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(observable);
        int n = circuit.QubitCount;
        Span<double> gz = stackalloc double[n];
        Span<double> gx = stackalloc double[n];
        Span<double> gy = stackalloc double[n];
        observable.Coefficients(n, gz, gx, gy);

        var phi = new SplitStateVector(n);
        phi.Apply(circuit);
        var lambda = new SplitStateVector(n);
        var scratch = new AlignedBuffer<double>(1 << n);
        double* pr = phi.RealPointer, pi = phi.ImaginaryPointer, lr = lambda.RealPointer, li = lambda.ImaginaryPointer;
        AdjointKernels.Seed(pr, pi, lr, li, n, gz, gx, gy, scratch.Pointer);

        var gradient = new double[ParameterCount(circuit)];
        int p = gradient.Length;
        for (int i = circuit.Gates.Count - 1; i >= 0; i--)
        {
            var op = circuit.Gates[i];
            p -= op.ParameterCount;
            if (op.ParameterCount > 0)
            {
                var cross = AdjointKernels.CrossTermOf(pr, pi, lr, li, n, op.Target, op.IsControlled ? op.Control : -1);
                switch (op.Kind)
                {
                    case GateKind.RX:
                        gradient[p] = cross.ImTrace(PauliX);
                        break;
                    case GateKind.RY or GateKind.CRY:
                        gradient[p] = cross.ImTrace(PauliY);
                        break;
                    case GateKind.RZ or GateKind.CRZ:
                        gradient[p] = cross.ImTrace(PauliZ);
                        break;
                    case GateKind.U:
                        // U(theta, phi, lambda) = e^{i(phi+lambda)/2} RZ(phi) RY(theta) RZ(lambda); the phase cancels in <H>.
                        var rzPhi = GateMatrices.Rz(op.Phi);
                        var afterTheta = rzPhi * GateMatrices.Ry(op.Theta);
                        gradient[p] = cross.ImTrace(rzPhi * PauliY * rzPhi.Adjoint());
                        gradient[p + 1] = cross.ImTrace(PauliZ);
                        gradient[p + 2] = cross.ImTrace(afterTheta * PauliZ * afterTheta.Adjoint());
                        break;
                    default:
                        throw new NotSupportedException($"gate {i} ({op.QasmName}) has parameters but no derivative rule");
                }
            }
            if (i > 0)
            {
                phi.ApplyInverseUnchecked(op);
                lambda.ApplyInverseUnchecked(op);
            }
        }
        return gradient;
    }

    /// <summary>
    /// Parameter-shift rule (<see cref="ParameterShiftRule"/>): two evaluations per RX / RY / RZ angle and per U
    /// angle (each enters one rotation), four per CRY / CRZ angle.
    /// </summary>
    public static double[] ParameterShift(Circuit circuit, PauliObservable observable) =>
        Differentiate(circuit, observable, (op, index) => op.Kind is GateKind.CRY or GateKind.CRZ
            ? ParameterShiftRule.FourTerm.Terms
            : ParameterShiftRule.TwoTerm.Terms);

    /// <summary>Central finite differences of every angle (a test oracle; error O(step^2)).</summary>
    public static double[] FiniteDifference(Circuit circuit, PauliObservable observable, double step = 1e-5)
    {
        if (!(step > 0) || !double.IsFinite(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "step must be a positive finite number");
        }
        ShiftTerm[] terms = [new ShiftTerm(step, 0.5 / step), new ShiftTerm(-step, -0.5 / step)];
        return Differentiate(circuit, observable, (_, _) => terms);
    }

    private static double[] Differentiate(Circuit circuit, PauliObservable observable, Func<GateOp, int, IReadOnlyList<ShiftTerm>> rule)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(observable);
        var gates = circuit.Gates.ToArray();
        var gradient = new double[ParameterCount(circuit)];
        var state = new SplitStateVector(circuit.QubitCount);
        int p = 0;
        for (int i = 0; i < gates.Length; i++)
        {
            var original = gates[i];
            for (int j = 0; j < original.ParameterCount; j++, p++)
            {
                foreach (var term in rule(original, j))
                {
                    gates[i] = Shift(original, j, term.Shift);
                    state.Reset();
                    foreach (var op in gates)
                    {
                        state.ApplyValidated(op);
                    }
                    gradient[p] += term.Coefficient * observable.Expectation(state);
                }
                gates[i] = original;
            }
        }
        return gradient;
    }

    private static GateOp Shift(GateOp op, int parameter, double shift) => parameter switch
    {
        0 => op with { Theta = op.Theta + shift },
        1 => op with { Phi = op.Phi + shift },
        _ => op with { Lambda = op.Lambda + shift },
    };

    private static readonly Matrix2 PauliX = GateMatrices.Of(GateOp.X(0));
    private static readonly Matrix2 PauliY = GateMatrices.Of(GateOp.Y(0));
    private static readonly Matrix2 PauliZ = GateMatrices.Of(GateOp.Z(0));
}
