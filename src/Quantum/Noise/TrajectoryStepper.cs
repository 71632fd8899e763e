using System.Numerics;
using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.State;

namespace QGan.MLNet.Quantum.Noise;

/// <summary>
/// One quantum trajectory (Monte Carlo wavefunction): a channel with Kraus operators K_k is applied to a pure state
/// by choosing branch k with probability ||K_k psi||^2 and replacing psi with K_k psi / ||K_k psi||. Averaged over
/// trajectories this reproduces the density-matrix evolution exactly. Branch probabilities are computed from the
/// reduced density matrix of the qubits the channel acts on (one pass over the state), so the cost per channel is two
/// passes whatever the number of Kraus operators.
/// </summary>
public static class TrajectoryStepper
{
    /// <summary>
    /// Runs <paramref name="circuit"/> on <paramref name="state"/>, applying the model's noise after every native gate
    /// (controlled rotations run as their two-CX sequence, <see cref="NativeGates"/>).
    /// </summary>
    public static void Run(StateVector state, Circuit circuit, NoiseModel model, SeededRandom rng)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rng);
        if (circuit.QubitCount != state.QubitCount || model.QubitCount != state.QubitCount)
        {
            throw new ArgumentException($"state ({state.QubitCount} qubits), circuit ({circuit.QubitCount}) and noise model ({model.QubitCount}) must have the same qubit count");
        }
        foreach (var op in NativeGates.Expand(circuit).Gates)
        {
            var m = GateMatrices.Of(op);
            if (op.IsControlled)
            {
                state.ApplyControlled(m, op.Control, op.Target);
            }
            else
            {
                state.ApplySingle(m, op.Target);
            }
            foreach (var step in model.After(op))
            {
                Apply(state, step, rng);
            }
        }
    }

    /// <summary>Applies one noisy step to a trajectory's state, drawing the Kraus branches from <paramref name="rng"/>.</summary>
    public static void Apply(StateVector state, NoiseStep step, SeededRandom rng)
    {
        switch (step)
        {
            case SingleQubitNoise s:
                Apply(state, s.Channel, s.Qubit, rng);
                break;
            case TwoQubitNoise t:
                Apply(state, t.Channel, t.First, t.Second, rng);
                break;
            default:
                throw new ArgumentException($"unknown noise step {step}", nameof(step));
        }
    }

    /// <summary>Samples one Kraus branch of a single-qubit channel on <paramref name="qubit"/> and renormalises.</summary>
    public static int Apply(StateVector state, SingleQubitChannel channel, int qubit, SeededRandom rng)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(rng);
        if (qubit < 0 || qubit >= state.QubitCount)
        {
            throw new ArgumentOutOfRangeException(nameof(qubit), qubit, $"qubit must be in 0..{state.QubitCount - 1}");
        }
        var kraus = channel.Kraus;
        if (kraus.Count == 1)
        {
            // A single Kraus operator of a trace-preserving channel is unitary: no choice, no renormalisation.
            state.ApplySingle(kraus[0], qubit);
            return 0;
        }
        var (r00, r01, r11) = ReducedDensity(state.Amplitudes, qubit);
        Span<double> weights = stackalloc double[kraus.Count];
        double total = 0;
        for (int k = 0; k < kraus.Count; k++)
        {
            // ||K psi||^2 = Tr(K rho K^dagger) = sum_ij (K^dagger K)_ji rho_ij.
            var m = kraus[k].Adjoint() * kraus[k];
            double w = (m.M00 * r00).Real + (m.M11 * r11).Real + 2 * (m.M10 * r01).Real;
            weights[k] = Math.Max(0, w);
            total += weights[k];
        }
        int chosen = Choose(weights, total, rng);
        state.ApplySingle(SingleQubitChannel.Scale(1 / Math.Sqrt(weights[chosen]), kraus[chosen]), qubit);
        return chosen;
    }

    /// <summary>Samples one Kraus branch of a two-qubit channel on (<paramref name="first"/>, <paramref name="second"/>) and renormalises.</summary>
    public static int Apply(StateVector state, TwoQubitChannel channel, int first, int second, SeededRandom rng)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(rng);
        if (first < 0 || first >= state.QubitCount || second < 0 || second >= state.QubitCount || first == second)
        {
            throw new ArgumentException($"({first}, {second}) is not a pair of distinct qubits in 0..{state.QubitCount - 1}");
        }
        var kraus = channel.Kraus;
        var rho = ReducedDensity(state.Amplitudes, first, second);
        Span<double> weights = stackalloc double[kraus.Count];
        double total = 0;
        for (int k = 0; k < kraus.Count; k++)
        {
            var m = channel.KdagK[k];
            double w = 0;
            for (int i = 0; i < 4; i++)
            {
                for (int j = 0; j < 4; j++)
                {
                    w += (m[j, i] * rho[4 * i + j]).Real;
                }
            }
            weights[k] = Math.Max(0, w);
            total += weights[k];
        }
        int chosen = Choose(weights, total, rng);
        LocalOperator.Apply(state.Amplitudes, [first, second], kraus[chosen].Entries, 1 / Math.Sqrt(weights[chosen]));
        return chosen;
    }

    /// <summary>Index k with probability weights[k] / total (one uniform draw; zero weights are never chosen).</summary>
    internal static int Choose(ReadOnlySpan<double> weights, double total, SeededRandom rng)
    {
        if (!(total > 0))
        {
            throw new InvalidOperationException("all Kraus branches have zero probability: the state is not normalised");
        }
        double u = rng.NextDouble() * total;
        double acc = 0;
        int last = -1;
        for (int k = 0; k < weights.Length; k++)
        {
            if (weights[k] <= 0)
            {
                continue;
            }
            last = k;
            acc += weights[k];
            if (u < acc)
            {
                return k;
            }
        }
        return last;
    }

    /// <summary>rho_ij of <paramref name="qubit"/> (unnormalised if the state is): (rho00, rho01, rho11).</summary>
    internal static (Complex R00, Complex R01, Complex R11) ReducedDensity(ReadOnlySpan<Complex> a, int qubit)
    {
        int stride = 1 << qubit;
        double p0 = 0, p1 = 0;
        Complex c = Complex.Zero;
        for (int block = 0; block < a.Length; block += stride << 1)
        {
            for (int i = block; i < block + stride; i++)
            {
                var a0 = a[i];
                var a1 = a[i + stride];
                p0 += a0.Real * a0.Real + a0.Imaginary * a0.Imaginary;
                p1 += a1.Real * a1.Real + a1.Imaginary * a1.Imaginary;
                c += a0 * Complex.Conjugate(a1);
            }
        }
        return (p0, c, p1);
    }

    /// <summary>Row-major 4x4 reduced density matrix of the pair (local index bit(first) + 2 bit(second)).</summary>
    internal static Complex[] ReducedDensity(ReadOnlySpan<Complex> a, int first, int second)
    {
        var rho = new Complex[16];
        int m0 = 1 << first, m1 = 1 << second;
        Span<Complex> v = stackalloc Complex[4];
        for (int i = 0; i < a.Length; i++)
        {
            if ((i & (m0 | m1)) != 0)
            {
                continue;
            }
            v[0] = a[i];
            v[1] = a[i | m0];
            v[2] = a[i | m1];
            v[3] = a[i | m0 | m1];
            for (int r = 0; r < 4; r++)
            {
                for (int c = 0; c < 4; c++)
                {
                    rho[4 * r + c] += v[r] * Complex.Conjugate(v[c]);
                }
            }
        }
        return rho;
    }
}
