using System.Numerics;
using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.State;

namespace QGan.MLNet.Quantum.Noise;

/// <summary>
/// The production trajectory engine: the same physics as <see cref="TrajectoryStepper"/> (choose Kraus branch k with
/// probability ||K_k psi||^2, renormalise) with about one pass over the state per gate instead of three to seven.
/// <list type="bullet">
/// <item>Chosen single-qubit Kraus operators (already divided by sqrt(p_k)) are not applied at once but kept as a
/// pending 2x2 operator per qubit and multiplied into the next gate on that qubit. The true state is always
/// (product of pending operators) applied to the stored state. A non-unitary pending operator (e.g. the no-jump
/// branch of amplitude damping) changes the reduced state of qubits entangled with its qubit, so it is applied
/// (flushed) before branch probabilities are computed on other qubits; unitary ones (gates, Pauli errors) can wait
/// indefinitely because they do not change other qubits' reduced states.</item>
/// <item>The gate pass also accumulates the reduced density matrix of the qubits it touches (2x2 or 4x4); the branch
/// probabilities of the noise after the gate, and their updates, are computed on that small matrix.</item>
/// <item>Mixed-unitary channels (depolarizing) have state-independent probabilities; two-qubit Pauli products are
/// split into single-qubit factors that join the pending operators.</item>
/// </list>
/// Noise steps that do not fit (e.g. a general two-qubit Kraus operator) fall back to <see cref="TrajectoryStepper"/>
/// after flushing the pending operators, so any <see cref="NoiseModel"/> output is supported.
/// </summary>
public sealed class FusedTrajectoryRunner
{
    private readonly StateVector _state;
    private readonly Matrix2[] _pending;
    private readonly bool[] _hasPending;
    private readonly bool[] _pendingIsUnitary;
    private readonly SeededRandom _rng;
    private readonly Complex[] _rho4 = new Complex[16];
    private readonly Complex[] _tmp4 = new Complex[16];

    /// <summary>Runs trajectories on <paramref name="state"/> (the caller resets it to each trajectory's start), drawing Kraus branches from <paramref name="rng"/>.</summary>
    public FusedTrajectoryRunner(StateVector state, SeededRandom rng)
    {
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _rng = rng ?? throw new ArgumentNullException(nameof(rng));
        _pending = new Matrix2[state.QubitCount];
        _hasPending = new bool[state.QubitCount];
        _pendingIsUnitary = new bool[state.QubitCount];
    }

    /// <summary>
    /// Runs <paramref name="circuit"/> with the model's noise after every native gate (controlled rotations run as their
    /// two-CX sequence, <see cref="NativeGates"/>) and leaves the exact final trajectory state in the state vector.
    /// </summary>
    public void Run(Circuit circuit, NoiseModel model)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(model);
        if (model.QubitCount != _state.QubitCount)
        {
            throw new ArgumentException($"state has {_state.QubitCount} qubits, the noise model {model.QubitCount}", nameof(model));
        }
        Run(NativeGates.Expand(circuit), op => model.After(op));
    }

    /// <summary>Runs <paramref name="circuit"/> applying <paramref name="noiseAfter"/>(gate) after every gate (any channels on any qubits).</summary>
    public void Run(Circuit circuit, Func<GateOp, IReadOnlyList<NoiseStep>> noiseAfter)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(noiseAfter);
        if (circuit.QubitCount != _state.QubitCount)
        {
            throw new ArgumentException($"state has {_state.QubitCount} qubits, the circuit {circuit.QubitCount}", nameof(circuit));
        }
        foreach (var op in circuit.Gates)
        {
            var steps = noiseAfter(op);
            if (!op.IsControlled && AllOnQubit(steps, op.Target))
            {
                SingleQubitGate(op, steps);
            }
            else if (op.IsControlled && AllFitPair(steps, op.Control, op.Target))
            {
                TwoQubitGate(op, steps);
            }
            else
            {
                Fallback(op, steps);
            }
        }
        FlushAll();
    }

    private static bool AllOnQubit(IReadOnlyList<NoiseStep> steps, int q)
    {
        for (int i = 0; i < steps.Count; i++)
        {
            if (steps[i] is not SingleQubitNoise s || s.Qubit != q)
            {
                return false;
            }
        }
        return true;
    }

    private static bool AllFitPair(IReadOnlyList<NoiseStep> steps, int c, int t)
    {
        for (int i = 0; i < steps.Count; i++)
        {
            if (!FitsPair(steps[i], c, t))
            {
                return false;
            }
        }
        return true;
    }

    private static bool FitsPair(NoiseStep step, int c, int t) => step switch
    {
        SingleQubitNoise s => s.Qubit == c || s.Qubit == t,
        TwoQubitNoise p => p.Channel.ProductFactors is not null && ((p.First == c && p.Second == t) || (p.First == t && p.Second == c)),
        _ => false,
    };

    private void SingleQubitGate(in GateOp op, IReadOnlyList<NoiseStep> steps)
    {
        int q = op.Target;
        var m = GateMatrices.Of(op) * TakePending(q);
        if (steps.Count == 0)
        {
            SetPending(q, m);
            return;
        }
        FlushNonUnitaryExcept(q, q);
        var (r00, r01, r11) = FusedKernels.ApplyAndReduce(_state.Amplitudes, m, q);
        var rho = new Matrix2(r00, r01, Complex.Conjugate(r01), r11);
        var accumulated = Matrix2.Identity;
        foreach (SingleQubitNoise step in steps)
        {
            var k = Choose(step.Channel, rho);
            rho = k * rho * k.Adjoint();
            accumulated = k * accumulated;
        }
        SetPending(q, accumulated);
    }

    private void TwoQubitGate(in GateOp op, IReadOnlyList<NoiseStep> steps)
    {
        int c = op.Control, t = op.Target;
        FlushNonUnitaryExcept(c, t);
        // Local order (c, t): local index bit(c) + 2 bit(t). Pending operators act before the gate.
        var gate = Matrix4.Controlled(GateMatrices.Of(op)) * Matrix4.Kron(TakePending(c), TakePending(t));
        FusedKernels.ApplyAndReduce(_state.Amplitudes, gate.Entries, c, t, _rho4);
        Matrix2 onC = Matrix2.Identity, onT = Matrix2.Identity;
        foreach (var step in steps)
        {
            (Matrix2 a, Matrix2 b) factors;
            if (step is SingleQubitNoise s)
            {
                var reduced = s.Qubit == c ? PartialTraceToFirst(_rho4) : PartialTraceToSecond(_rho4);
                var k = Choose(s.Channel, reduced);
                factors = s.Qubit == c ? (k, Matrix2.Identity) : (Matrix2.Identity, k);
            }
            else
            {
                var p = (TwoQubitNoise)step;
                int chosen = ChooseTwo(p.Channel);
                var (first, second) = p.Channel.ProductFactors![chosen];
                factors = p.First == c ? (first, second) : (second, first);
                double norm = Math.Sqrt(BranchWeight(Matrix4.Kron(factors.a, factors.b)));
                factors.a = SingleQubitChannel.Scale(1 / norm, factors.a);
            }
            UpdateRho(Matrix4.Kron(factors.a, factors.b));
            onC = factors.a * onC;
            onT = factors.b * onT;
        }
        SetPending(c, onC);
        SetPending(t, onT);
    }

    private void Fallback(in GateOp op, IReadOnlyList<NoiseStep> steps)
    {
        FlushAll();
        _state.Apply(op);
        foreach (var step in steps)
        {
            TrajectoryStepper.Apply(_state, step, _rng);
        }
    }

    /// <summary>Chooses a branch of a single-qubit channel for reduced state rho; returns K_k / sqrt(p_k).</summary>
    private Matrix2 Choose(SingleQubitChannel channel, in Matrix2 rho)
    {
        var kraus = channel.Kraus;
        if (kraus.Count == 1)
        {
            return kraus[0];
        }
        Span<double> weights = stackalloc double[kraus.Count];
        double total = 0;
        var fixedP = channel.FixedProbabilities;
        for (int k = 0; k < kraus.Count; k++)
        {
            double w;
            if (fixedP is not null)
            {
                w = fixedP[k] * (rho.M00.Real + rho.M11.Real);
            }
            else
            {
                var m = kraus[k].Adjoint() * kraus[k];
                w = (m.M00 * rho.M00).Real + (m.M11 * rho.M11).Real + 2 * (m.M10 * rho.M01).Real;
            }
            weights[k] = Math.Max(0, w);
            total += weights[k];
        }
        int chosen = Pick(weights, total);
        return SingleQubitChannel.Scale(1 / Math.Sqrt(weights[chosen]), kraus[chosen]);
    }

    private int ChooseTwo(TwoQubitChannel channel)
    {
        int count = channel.Kraus.Count;
        Span<double> weights = stackalloc double[count];
        double total = 0;
        for (int k = 0; k < count; k++)
        {
            weights[k] = channel.FixedProbabilities is { } fixedP
                ? fixedP[k]
                : Math.Max(0, BranchWeight(Matrix4.Kron(channel.ProductFactors![k].OnFirst, channel.ProductFactors[k].OnSecond)));
            total += weights[k];
        }
        return Pick(weights, total);
    }

    private int Pick(ReadOnlySpan<double> weights, double total) => TrajectoryStepper.Choose(weights, total, _rng);

    /// <summary>Tr(K rho4 K^dagger) for the current 4x4 reduced density matrix.</summary>
    private double BranchWeight(Matrix4 k)
    {
        double w = 0;
        var m = k.Adjoint() * k;
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                w += (m[i, j] * _rho4[4 * j + i]).Real;
            }
        }
        return w;
    }

    /// <summary>rho4 -&gt; K rho4 K^dagger (K already includes 1/sqrt(p_k), so the trace stays 1).</summary>
    private void UpdateRho(Matrix4 k)
    {
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                Complex s = 0;
                for (int j = 0; j < 4; j++)
                {
                    s += k[r, j] * _rho4[4 * j + c];
                }
                _tmp4[4 * r + c] = s;
            }
        }
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                Complex s = 0;
                for (int j = 0; j < 4; j++)
                {
                    s += _tmp4[4 * r + j] * Complex.Conjugate(k[c, j]);
                }
                _rho4[4 * r + c] = s;
            }
        }
    }

    // Local index i = bit(first) + 2 bit(second).
    private static Matrix2 PartialTraceToFirst(Complex[] rho) => new(
        rho[0] + rho[10], rho[1] + rho[11],
        rho[4] + rho[14], rho[5] + rho[15]);

    private static Matrix2 PartialTraceToSecond(Complex[] rho) => new(
        rho[0] + rho[5], rho[2] + rho[7],
        rho[8] + rho[13], rho[10] + rho[15]);

    private Matrix2 TakePending(int q)
    {
        if (!_hasPending[q])
        {
            return Matrix2.Identity;
        }
        _hasPending[q] = false;
        return _pending[q];
    }

    private void SetPending(int q, in Matrix2 m)
    {
        _pending[q] = m;
        _hasPending[q] = m != Matrix2.Identity;
        var p = m.Adjoint() * m;
        _pendingIsUnitary[q] = Complex.Abs(p.M00 - 1) < 1e-9 && Complex.Abs(p.M11 - 1) < 1e-9 && Complex.Abs(p.M01) < 1e-9;
    }

    private void FlushNonUnitaryExcept(int a, int b)
    {
        for (int q = 0; q < _pending.Length; q++)
        {
            if (_hasPending[q] && !_pendingIsUnitary[q] && q != a && q != b)
            {
                FusedKernels.ApplyAndReduce(_state.Amplitudes, _pending[q], q);
                _hasPending[q] = false;
            }
        }
    }

    private void FlushAll()
    {
        for (int q = 0; q < _pending.Length; q++)
        {
            if (_hasPending[q])
            {
                FusedKernels.ApplyAndReduce(_state.Amplitudes, _pending[q], q);
                _hasPending[q] = false;
            }
        }
    }
}
