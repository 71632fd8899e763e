using System.Numerics;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Quantum.State;

namespace QGan.MLNet.Quantum.Density;

/// <summary>
/// An exact n-qubit density matrix (n &lt;= <see cref="MaxQubits"/>), stored row-major as rho[r * 2^n + c] with qubit 0
/// the least-significant bit of r and c. Gates and channels act as superoperators rho -&gt; sum_k K_k rho K_k^dagger:
/// K_k on the row bits and conj(K_k) on the column bits of the flattened 2n-bit vector, in a single pass per operation.
/// This is the reference that quantum trajectories are validated against; it costs 4^n memory.
/// </summary>
public sealed class DensityMatrix
{
    /// <summary>Largest register (4^10 complex entries = 16 MiB).</summary>
    public const int MaxQubits = 10;

    private readonly Complex[] _rho;

    /// <summary>|0..0&gt;&lt;0..0|.</summary>
    public DensityMatrix(int qubitCount)
    {
        if (qubitCount is < 1 or > MaxQubits)
        {
            throw new ArgumentOutOfRangeException(nameof(qubitCount), qubitCount, $"density matrices support 1..{MaxQubits} qubits");
        }
        QubitCount = qubitCount;
        Dimension = 1 << qubitCount;
        _rho = new Complex[Dimension * Dimension];
        _rho[0] = Complex.One;
    }

    /// <summary>Number of qubits.</summary>
    public int QubitCount { get; }

    /// <summary>2^n, the side of the matrix.</summary>
    public int Dimension { get; }

    /// <summary>Entry rho[row, column].</summary>
    public Complex this[int row, int column] => _rho[row * Dimension + column];

    /// <summary>|psi&gt;&lt;psi| of a pure state.</summary>
    public static DensityMatrix FromStateVector(StateVector state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var dm = new DensityMatrix(state.QubitCount);
        var a = state.Amplitudes;
        for (int r = 0; r < dm.Dimension; r++)
        {
            for (int c = 0; c < dm.Dimension; c++)
            {
                dm._rho[r * dm.Dimension + c] = a[r] * Complex.Conjugate(a[c]);
            }
        }
        return dm;
    }

    /// <summary>A deep copy.</summary>
    public DensityMatrix Clone()
    {
        var copy = new DensityMatrix(QubitCount);
        _rho.CopyTo(copy._rho, 0);
        return copy;
    }

    /// <summary>Applies every gate of the circuit (rho -> U rho U^dagger).</summary>
    public void Apply(Circuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        if (circuit.QubitCount != QubitCount)
        {
            throw new ArgumentException($"circuit has {circuit.QubitCount} qubits, the density matrix {QubitCount}", nameof(circuit));
        }
        foreach (var op in circuit.Gates)
        {
            Apply(op);
        }
    }

    /// <summary>rho -&gt; U rho U^dagger for one gate.</summary>
    public void Apply(in GateOp op)
    {
        Circuit.Validate(op, QubitCount, 0);
        var m = GateMatrices.Of(op);
        if (op.IsControlled)
        {
            ApplySuperoperator(Superoperator([Matrix4.Controlled(m)]), [op.Control, op.Target]);
        }
        else
        {
            ApplySuperoperator(Superoperator([m]), [op.Target]);
        }
    }

    /// <summary>Applies a single-qubit channel (sum of K rho K^dagger over its Kraus operators) to <paramref name="qubit"/>.</summary>
    public void ApplyChannel(SingleQubitChannel channel, int qubit)
    {
        ArgumentNullException.ThrowIfNull(channel);
        CheckQubit(qubit);
        ApplySuperoperator(Superoperator(channel.Kraus), [qubit]);
    }

    /// <summary>Applies a two-qubit channel to the ordered pair (<paramref name="first"/>, <paramref name="second"/>).</summary>
    public void ApplyChannel(TwoQubitChannel channel, int first, int second)
    {
        ArgumentNullException.ThrowIfNull(channel);
        CheckQubit(first);
        CheckQubit(second);
        if (first == second)
        {
            throw new ArgumentException($"a two-qubit channel needs two distinct qubits, got {first} twice");
        }
        ApplySuperoperator(Superoperator(channel.Kraus), [first, second]);
    }

    /// <summary>Applies one step of a noisy schedule: its gate, then its channels.</summary>
    public void Apply(NoiseStep step)
    {
        switch (step)
        {
            case SingleQubitNoise s:
                ApplyChannel(s.Channel, s.Qubit);
                break;
            case TwoQubitNoise t:
                ApplyChannel(t.Channel, t.First, t.Second);
                break;
            default:
                throw new ArgumentException($"unknown noise step {step}", nameof(step));
        }
    }

    /// <summary>Tr(rho) (1 for a valid state; checks trace preservation).</summary>
    public Complex Trace()
    {
        Complex s = 0;
        for (int i = 0; i < Dimension; i++)
        {
            s += _rho[i * Dimension + i];
        }
        return s;
    }

    /// <summary>max |rho_rc - conj(rho_cr)| (0 for a Hermitian matrix).</summary>
    public double HermiticityError()
    {
        double worst = 0;
        for (int r = 0; r < Dimension; r++)
        {
            for (int c = r; c < Dimension; c++)
            {
                worst = Math.Max(worst, Complex.Abs(_rho[r * Dimension + c] - Complex.Conjugate(_rho[c * Dimension + r])));
            }
        }
        return worst;
    }

    /// <summary>Tr(rho^2): 1 for a pure state, 1/2^n for the maximally mixed state.</summary>
    public double Purity()
    {
        double s = 0;
        for (int r = 0; r < Dimension; r++)
        {
            for (int c = 0; c < Dimension; c++)
            {
                s += (_rho[r * Dimension + c] * _rho[c * Dimension + r]).Real;
            }
        }
        return s;
    }

    /// <summary>Computational-basis probabilities (the real diagonal).</summary>
    public double[] Probabilities()
    {
        var p = new double[Dimension];
        for (int i = 0; i < Dimension; i++)
        {
            p[i] = _rho[i * Dimension + i].Real;
        }
        return p;
    }

    /// <summary>&lt;Z&gt; of one qubit, Tr(rho Z_q).</summary>
    public double ExpectationZ(int qubit)
    {
        CheckQubit(qubit);
        double s = 0;
        for (int i = 0; i < Dimension; i++)
        {
            double p = _rho[i * Dimension + i].Real;
            s += ((i >> qubit) & 1) == 0 ? p : -p;
        }
        return s;
    }

    /// <summary>Tr(rho X_q) = sum_r rho[r, r xor 2^q].</summary>
    public double ExpectationX(int qubit)
    {
        CheckQubit(qubit);
        int m = 1 << qubit;
        double s = 0;
        for (int r = 0; r < Dimension; r++)
        {
            s += _rho[r * Dimension + (r ^ m)].Real;
        }
        return s;
    }

    /// <summary>Tr(rho Y_q) = sum_r rho[r, r xor 2^q] * (i if bit q of r is 0, -i otherwise).</summary>
    public double ExpectationY(int qubit)
    {
        CheckQubit(qubit);
        int m = 1 << qubit;
        double s = 0;
        for (int r = 0; r < Dimension; r++)
        {
            var e = _rho[r * Dimension + (r ^ m)];
            // Re(i e) = -Im e, Re(-i e) = Im e.
            s += (r & m) == 0 ? -e.Imaginary : e.Imaginary;
        }
        return s;
    }

    private void ApplySuperoperator(Complex[] superoperator, ReadOnlySpan<int> qubits)
    {
        // Column bits first (conj(K)), then the row bits (K): local index = column part + 2^k * row part.
        Span<int> bits = stackalloc int[2 * qubits.Length];
        for (int j = 0; j < qubits.Length; j++)
        {
            bits[j] = qubits[j];
            bits[qubits.Length + j] = qubits[j] + QubitCount;
        }
        LocalOperator.Apply(_rho, bits, superoperator, Complex.One);
    }

    /// <summary>S[(c + d r), (c' + d r')] = sum_k K[r, r'] conj(K[c, c']) for Kraus operators on d = 2^k levels.</summary>
    private static Complex[] Superoperator(IReadOnlyList<Matrix2> kraus) =>
        Superoperator(kraus.Select(k => (Func<int, int, Complex>)((r, c) => Matrix4.Entry(k, r, c))).ToArray(), 2);

    private static Complex[] Superoperator(IReadOnlyList<Matrix4> kraus) =>
        Superoperator(kraus.Select(k => (Func<int, int, Complex>)((r, c) => k[r, c])).ToArray(), 4);

    private static Complex[] Superoperator(Func<int, int, Complex>[] kraus, int d)
    {
        int dd = d * d;
        var s = new Complex[dd * dd];
        foreach (var k in kraus)
        {
            for (int r = 0; r < d; r++)
            {
                for (int c = 0; c < d; c++)
                {
                    for (int r2 = 0; r2 < d; r2++)
                    {
                        for (int c2 = 0; c2 < d; c2++)
                        {
                            s[(c + d * r) * dd + (c2 + d * r2)] += k(r, r2) * Complex.Conjugate(k(c, c2));
                        }
                    }
                }
            }
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
