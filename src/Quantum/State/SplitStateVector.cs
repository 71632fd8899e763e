using System.Numerics;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.Kernels;

namespace QGan.MLNet.Quantum.State;

/// <summary>
/// The fast general statevector: 2^n amplitudes in split real / imaginary arrays (64-byte aligned) driven by the
/// SIMD kernels, with real-matrix kernels for RY / CRY / H / X / CX, diagonal kernels for RZ / CRZ / Z / CZ, and pair enumeration restricted to the
/// control = 1 half for controlled gates. Same conventions and results (to rounding) as <see cref="StateVector"/>,
/// the simple reference. Not thread-safe: use one instance per thread.
/// </summary>
public sealed unsafe class SplitStateVector
{
    private readonly AlignedBuffer<double> _re;
    private readonly AlignedBuffer<double> _im;
    private AlignedBuffer<double>? _scratch;

    /// <summary>|0...0&gt; on <paramref name="qubitCount"/> qubits.</summary>
    public SplitStateVector(int qubitCount)
    {
        if (qubitCount is < 1 or > Circuit.MaxQubits)
        {
            throw new ArgumentOutOfRangeException(nameof(qubitCount), qubitCount, $"qubit count must be in 1..{Circuit.MaxQubits}");
        }
        QubitCount = qubitCount;
        _re = new AlignedBuffer<double>(1 << qubitCount);
        _im = new AlignedBuffer<double>(1 << qubitCount);
        Reset();
    }

    /// <summary>Number of qubits.</summary>
    public int QubitCount { get; }

    /// <summary>2^n amplitudes.</summary>
    public int Dimension => 1 << QubitCount;

    /// <summary>Real parts of the amplitudes (index bit q = qubit q).</summary>
    public Span<double> Real => _re.Span;

    /// <summary>Imaginary parts of the amplitudes.</summary>
    public Span<double> Imaginary => _im.Span;

    /// <summary>Amplitude of basis state <paramref name="index"/> (bit q = qubit q).</summary>
    public Complex this[int index] => new(_re.Span[index], _im.Span[index]);

    internal double* RealPointer => _re.Pointer;

    internal double* ImaginaryPointer => _im.Pointer;

    /// <summary>Copies another state of the same size.</summary>
    public void CopyFrom(SplitStateVector state)
    {
        ArgumentNullException.ThrowIfNull(state);
        CheckSameSize(state.QubitCount, nameof(state));
        state._re.Span.CopyTo(_re.Span);
        state._im.Span.CopyTo(_im.Span);
    }

    /// <summary>Applies the inverse (conjugate transpose) of a validated gate.</summary>
    internal void ApplyInverseUnchecked(in GateOp op) =>
        GateKernels.ApplyMatrix(_re.Pointer, _im.Pointer, QubitCount, op.Target, op.Control, GateMatrices.Of(op).Adjoint());

    internal void ApplyValidated(in GateOp op) => ApplyUnchecked(op);

    /// <summary>Back to |0...0&gt;.</summary>
    public void Reset()
    {
        _re.Clear();
        _im.Clear();
        _re.Span[0] = 1;
    }

    /// <summary>Copies the amplitudes of a reference state (same qubit count).</summary>
    public void CopyFrom(StateVector state)
    {
        ArgumentNullException.ThrowIfNull(state);
        CheckSameSize(state.QubitCount, nameof(state));
        var amps = state.Amplitudes;
        var re = _re.Span;
        var im = _im.Span;
        for (int i = 0; i < amps.Length; i++)
        {
            re[i] = amps[i].Real;
            im[i] = amps[i].Imaginary;
        }
    }

    /// <summary>Writes the amplitudes into a reference state (same qubit count).</summary>
    public void CopyTo(StateVector state)
    {
        ArgumentNullException.ThrowIfNull(state);
        CheckSameSize(state.QubitCount, nameof(state));
        var amps = state.Amplitudes;
        var re = _re.Span;
        var im = _im.Span;
        for (int i = 0; i < amps.Length; i++)
        {
            amps[i] = new Complex(re[i], im[i]);
        }
    }

    /// <summary>Applies every gate of the circuit with the SIMD kernels.</summary>
    public void Apply(Circuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        CheckSameSize(circuit.QubitCount, nameof(circuit));
        foreach (var op in circuit.Gates)
        {
            ApplyUnchecked(op);
        }
    }

    /// <summary>Applies one gate after validating it (qubit indices in range, distinct, finite angles).</summary>
    public void Apply(in GateOp op)
    {
        Circuit.Validate(op, QubitCount, 0);
        ApplyUnchecked(op);
    }

    private void ApplyUnchecked(in GateOp op)
    {
        double* re = _re.Pointer, im = _im.Pointer;
        int n = QubitCount, t = op.Target, c = op.Control;
        switch (op.Kind)
        {
            case GateKind.RY or GateKind.CRY:
                var (s, co) = Math.SinCos(op.Theta / 2);
                GateKernels.ApplyReal(re, im, n, t, c, co, -s, s, co);
                break;
            case GateKind.H:
                double h = 1 / Math.Sqrt(2);
                GateKernels.ApplyReal(re, im, n, t, c, h, h, h, -h);
                break;
            case GateKind.X or GateKind.CX:
                GateKernels.ApplyReal(re, im, n, t, c, 0, 1, 1, 0);
                break;
            case GateKind.Z or GateKind.CZ:
                GateKernels.ApplyDiagonal(re, im, n, t, c, Complex.One, -Complex.One);
                break;
            case GateKind.RZ or GateKind.CRZ:
                var (sz, cz) = Math.SinCos(op.Theta / 2);
                GateKernels.ApplyDiagonal(re, im, n, t, c, new Complex(cz, -sz), new Complex(cz, sz));
                break;
            default:
                GateKernels.ApplyMatrix(re, im, n, t, c, GateMatrices.Of(op));
                break;
        }
    }

    /// <summary>Applies an arbitrary 2x2 matrix to <paramref name="target"/>, optionally controlled (-1: none).</summary>
    public void ApplyMatrix(in Matrix2 m, int target, int control = -1)
    {
        CheckQubit(target, nameof(target));
        if (control != -1)
        {
            CheckQubit(control, nameof(control));
            if (control == target)
            {
                throw new ArgumentException($"control and target are both qubit {target}", nameof(control));
            }
        }
        GateKernels.ApplyMatrix(_re.Pointer, _im.Pointer, QubitCount, target, control, m);
    }

    /// <summary>&lt;Z_q&gt; for every qubit q (one sweep).</summary>
    public void ExpectationsZ(Span<double> z)
    {
        if (z.Length != QubitCount)
        {
            throw new ArgumentException($"z has {z.Length} values, expected {QubitCount}", nameof(z));
        }
        _scratch ??= new AlignedBuffer<double>(Dimension);
        ExpectationKernels.AllZ(_re.Pointer, _im.Pointer, QubitCount, _scratch.Pointer, z);
    }

    /// <summary>&lt;Z&gt; of one qubit, P(0) - P(1).</summary>
    public double ExpectationZ(int qubit)
    {
        CheckQubit(qubit, nameof(qubit));
        Span<double> z = stackalloc double[QubitCount];
        ExpectationsZ(z);
        return z[qubit];
    }

    /// <summary>&lt;X&gt; of one qubit, 2 sum Re(conj(a0) a1).</summary>
    public double ExpectationX(int qubit)
    {
        CheckQubit(qubit, nameof(qubit));
        return ExpectationKernels.X(_re.Pointer, _im.Pointer, QubitCount, qubit);
    }

    /// <summary>&lt;Y&gt; of one qubit, 2 sum Im(conj(a0) a1).</summary>
    public double ExpectationY(int qubit)
    {
        CheckQubit(qubit, nameof(qubit));
        return ExpectationKernels.Y(_re.Pointer, _im.Pointer, QubitCount, qubit);
    }

    /// <summary>Sum of |a|^2 (1 for a normalised state).</summary>
    public double NormSquared()
    {
        double s = 0;
        var re = _re.Span;
        var im = _im.Span;
        for (int i = 0; i < re.Length; i++)
        {
            s += re[i] * re[i] + im[i] * im[i];
        }
        return s;
    }

    private void CheckQubit(int qubit, string name)
    {
        if (qubit < 0 || qubit >= QubitCount)
        {
            throw new ArgumentOutOfRangeException(name, qubit, $"qubit must be in 0..{QubitCount - 1}");
        }
    }

    private void CheckSameSize(int qubits, string name)
    {
        if (qubits != QubitCount)
        {
            throw new ArgumentException($"{name} has {qubits} qubits, this state has {QubitCount}", name);
        }
    }
}
