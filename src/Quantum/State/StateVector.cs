using System.Numerics;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Gates;

namespace QGan.MLNet.Quantum.State;

/// <summary>
/// A pure n-qubit state as 2^n complex amplitudes. Qubit 0 is the least-significant bit of the basis index
/// (Qiskit / OpenQASM order). This is the simple, general single-state path; the batched style generator
/// has its own fused kernels and is cross-checked against this class.
/// </summary>
public sealed class StateVector
{
    private readonly Complex[] _amplitudes;

    /// <summary>|0...0&gt; on <paramref name="qubitCount"/> qubits.</summary>
    public StateVector(int qubitCount)
    {
        if (qubitCount is < 1 or > Circuit.MaxQubits)
        {
            throw new ArgumentOutOfRangeException(nameof(qubitCount), qubitCount, $"qubit count must be in 1..{Circuit.MaxQubits}");
        }
        QubitCount = qubitCount;
        _amplitudes = new Complex[1 << qubitCount];
        _amplitudes[0] = Complex.One;
    }

    /// <summary>Number of qubits.</summary>
    public int QubitCount { get; }

    /// <summary>2^n amplitudes.</summary>
    public int Dimension => _amplitudes.Length;

    /// <summary>The amplitudes (index bit q = qubit q). Mutating them is allowed for advanced use (noise trajectories).</summary>
    public Span<Complex> Amplitudes => _amplitudes;

    /// <summary>A deep copy.</summary>
    public StateVector Clone()
    {
        var copy = new StateVector(QubitCount);
        _amplitudes.CopyTo(copy._amplitudes, 0);
        return copy;
    }

    /// <summary>Applies every gate of the circuit (large circuits run on the SIMD engine).</summary>
    public void Apply(Circuit circuit)
    {
        if (circuit.QubitCount != QubitCount)
        {
            throw new ArgumentException($"circuit has {circuit.QubitCount} qubits, state has {QubitCount}", nameof(circuit));
        }
        if (QubitCount >= FastPathMinQubits && circuit.Gates.Count >= FastPathMinGates)
        {
            // Whole circuits run on the SIMD engine: two O(2^n) copies buy vectorised gates.
            var fast = new SplitStateVector(QubitCount);
            fast.CopyFrom(this);
            fast.Apply(circuit);
            fast.CopyTo(this);
            return;
        }
        foreach (var op in circuit.Gates)
        {
            ApplyUnchecked(op);
        }
    }

    /// <summary>Smallest register for which <see cref="Apply(Circuit)"/> switches to <see cref="SplitStateVector"/>.</summary>
    public const int FastPathMinQubits = 6;

    /// <summary>Fewest gates for which <see cref="Apply(Circuit)"/> switches to <see cref="SplitStateVector"/>.</summary>
    public const int FastPathMinGates = 4;

    /// <summary>Applies one gate.</summary>
    public void Apply(in GateOp op)
    {
        Circuit.Validate(op, QubitCount, 0);
        ApplyUnchecked(op);
    }

    private void ApplyUnchecked(in GateOp op)
    {
        var m = GateMatrices.Of(op);
        if (op.IsControlled)
        {
            ApplyControlled(m, op.Control, op.Target);
        }
        else
        {
            ApplySingle(m, op.Target);
        }
    }

    /// <summary>Applies a 2x2 matrix to qubit <paramref name="target"/>.</summary>
    public void ApplySingle(in Matrix2 m, int target)
    {
        CheckQubit(target);
        int stride = 1 << target;
        var a = _amplitudes;
        for (int block = 0; block < a.Length; block += stride << 1)
        {
            for (int i = block; i < block + stride; i++)
            {
                var a0 = a[i];
                var a1 = a[i + stride];
                a[i] = m.M00 * a0 + m.M01 * a1;
                a[i + stride] = m.M10 * a0 + m.M11 * a1;
            }
        }
    }

    /// <summary>Applies a 2x2 matrix to <paramref name="target"/> on the subspace where <paramref name="control"/> is 1.</summary>
    public void ApplyControlled(in Matrix2 m, int control, int target)
    {
        CheckQubit(control);
        CheckQubit(target);
        if (control == target)
        {
            throw new ArgumentException($"control and target are both qubit {target}", nameof(control));
        }
        int stride = 1 << target;
        int cmask = 1 << control;
        int lo = Math.Min(control, target), hi = Math.Max(control, target);
        var a = _amplitudes;
        // Visit only the pairs with control = 1 and target = 0: insert those two bits into a quarter-size counter.
        for (int k = 0; k < a.Length >> 2; k++)
        {
            int i = Kernels.PairIndex.InsertTwoZeros(k, lo, hi) | cmask;
            var a0 = a[i];
            var a1 = a[i + stride];
            a[i] = m.M00 * a0 + m.M01 * a1;
            a[i + stride] = m.M10 * a0 + m.M11 * a1;
        }
    }

    /// <summary>&lt;Z_q&gt; = P(q=0) - P(q=1).</summary>
    public double ExpectationZ(int qubit)
    {
        CheckQubit(qubit);
        int mask = 1 << qubit;
        double sum = 0;
        for (int i = 0; i < _amplitudes.Length; i++)
        {
            double p = _amplitudes[i].Real * _amplitudes[i].Real + _amplitudes[i].Imaginary * _amplitudes[i].Imaginary;
            sum += (i & mask) == 0 ? p : -p;
        }
        return sum;
    }

    /// <summary>&lt;X_q&gt; = 2 Re sum_{i: bit q = 0} conj(a_i) a_{i+2^q}.</summary>
    public double ExpectationX(int qubit)
    {
        CheckQubit(qubit);
        int stride = 1 << qubit;
        double sum = 0;
        for (int i = 0; i < _amplitudes.Length; i++)
        {
            if ((i & stride) == 0)
            {
                sum += (Complex.Conjugate(_amplitudes[i]) * _amplitudes[i + stride]).Real;
            }
        }
        return 2 * sum;
    }

    /// <summary>&lt;Y_q&gt; = 2 Im sum_{i: bit q = 0} conj(a_i) a_{i+2^q}.</summary>
    public double ExpectationY(int qubit)
    {
        CheckQubit(qubit);
        int stride = 1 << qubit;
        double sum = 0;
        for (int i = 0; i < _amplitudes.Length; i++)
        {
            if ((i & stride) == 0)
            {
                sum += (Complex.Conjugate(_amplitudes[i]) * _amplitudes[i + stride]).Imaginary;
            }
        }
        return 2 * sum;
    }

    /// <summary>Squared norm (1 for a normalised state).</summary>
    public double NormSquared()
    {
        double s = 0;
        foreach (var c in _amplitudes)
        {
            s += c.Real * c.Real + c.Imaginary * c.Imaginary;
        }
        return s;
    }

    private void CheckQubit(int qubit)
    {
        if (qubit < 0 || qubit >= QubitCount)
        {
            throw new ArgumentOutOfRangeException(nameof(qubit), qubit, $"qubit must be in 0..{QubitCount - 1}");
        }
    }
}
