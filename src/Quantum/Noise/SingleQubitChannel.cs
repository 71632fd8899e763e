using System.Numerics;
using QGan.MLNet.Quantum.Gates;

namespace QGan.MLNet.Quantum.Noise;

/// <summary>
/// A single-qubit quantum channel in Kraus form, rho -&gt; sum_k K_k rho K_k^dagger. Factories build the standard
/// noise channels (conventions of Nielsen &amp; Chuang and Qiskit Aer); every factory result is trace preserving.
/// </summary>
public sealed class SingleQubitChannel
{
    private readonly Matrix2[] _kraus;

    /// <summary>A channel from its Kraus operators, checked to be trace preserving.</summary>
    public SingleQubitChannel(string name, IEnumerable<Matrix2> kraus)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(kraus);
        _kraus = kraus.ToArray();
        if (_kraus.Length == 0)
        {
            throw new ArgumentException("a channel needs at least one Kraus operator", nameof(kraus));
        }
        Name = name;
        FixedProbabilities = MixedUnitaryWeights(_kraus.Select(k => k.Adjoint() * k).Select(m => (m.M00, m.M11, Complex.Abs(m.M01) + Complex.Abs(m.M10))));
    }

    /// <summary>Name of the channel (e.g. depolarizing, amplitude damping), for reports.</summary>
    public string Name { get; }

    /// <summary>
    /// Branch probabilities when every K_k^dagger K_k is a multiple c_k I (a mixed-unitary channel such as
    /// depolarizing): then P(k) = c_k whatever the state, and trajectories need no pass over the state to choose.
    /// Null when the probabilities depend on the state.
    /// </summary>
    public IReadOnlyList<double>? FixedProbabilities { get; }

    /// <summary>The Kraus operators (sum K^dagger K = I).</summary>
    public IReadOnlyList<Matrix2> Kraus => _kraus;

    /// <summary>True when the channel is the identity map (a single Kraus operator equal to I).</summary>
    public bool IsIdentity => _kraus.Length == 1 && _kraus[0] == Matrix2.Identity;

    /// <summary>The identity channel (no noise).</summary>
    public static SingleQubitChannel Identity { get; } = new("identity", [Matrix2.Identity]);

    /// <summary>A unitary as a channel with one Kraus operator.</summary>
    public static SingleQubitChannel Unitary(string name, in Matrix2 u) => new(name, [u]);

    /// <summary>
    /// Depolarizing channel rho -&gt; (1 - p) rho + p I/2 (Qiskit's depolarizing_error(p, 1)). Kraus operators
    /// sqrt(1 - 3p/4) I, sqrt(p/4) X, sqrt(p/4) Y, sqrt(p/4) Z; p in [0, 4/3], p = 1 gives the maximally mixed state.
    /// Average gate infidelity r = p/2.
    /// </summary>
    public static SingleQubitChannel Depolarizing(double p)
    {
        CheckRange(p, 0, 4.0 / 3, nameof(p));
        double a = Math.Sqrt(1 - 3 * p / 4), b = Math.Sqrt(p / 4);
        return new SingleQubitChannel($"depolarizing({Fmt(p)})", [Scale(a, Paulis.I), Scale(b, Paulis.X), Scale(b, Paulis.Y), Scale(b, Paulis.Z)]);
    }

    /// <summary>
    /// Amplitude damping (energy relaxation |1&gt; -&gt; |0&gt;) with decay probability gamma:
    /// K0 = [[1, 0], [0, sqrt(1 - gamma)]], K1 = [[0, sqrt(gamma)], [0, 0]]. After a time t, gamma = 1 - exp(-t/T1).
    /// </summary>
    public static SingleQubitChannel AmplitudeDamping(double gamma)
    {
        CheckRange(gamma, 0, 1, nameof(gamma));
        return new SingleQubitChannel($"amplitude_damping({Fmt(gamma)})",
        [
            new Matrix2(1, 0, 0, Math.Sqrt(1 - gamma)),
            new Matrix2(0, Math.Sqrt(gamma), 0, 0),
        ]);
    }

    /// <summary>
    /// Phase damping (pure dephasing) with parameter lambda: K0 = [[1, 0], [0, sqrt(1 - lambda)]],
    /// K1 = [[0, 0], [0, sqrt(lambda)]]; populations are kept, coherences shrink by sqrt(1 - lambda).
    /// </summary>
    public static SingleQubitChannel PhaseDamping(double lambda)
    {
        CheckRange(lambda, 0, 1, nameof(lambda));
        return new SingleQubitChannel($"phase_damping({Fmt(lambda)})",
        [
            new Matrix2(1, 0, 0, Math.Sqrt(1 - lambda)),
            new Matrix2(0, 0, 0, Math.Sqrt(lambda)),
        ]);
    }

    /// <summary>
    /// Thermal relaxation towards |0&gt; (zero temperature) for a time <paramref name="duration"/>, given T1 and T2 in the
    /// same unit: amplitude damping with gamma = 1 - exp(-t/T1) followed by pure dephasing with
    /// lambda = 1 - exp(-2t/T_phi), 1/T_phi = 1/T2 - 1/(2 T1). Then P(1) decays as exp(-t/T1) and the coherence
    /// rho_01 as exp(-t/T2). Requires T2 &lt;= 2 T1 (physical bound); T1 or T2 = +infinity means no such decay.
    /// </summary>
    public static SingleQubitChannel ThermalRelaxation(double t1, double t2, double duration)
    {
        if (!(t1 > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(t1), t1, "T1 must be > 0");
        }
        if (!(t2 > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(t2), t2, "T2 must be > 0");
        }
        if (t2 > 2 * t1)
        {
            throw new ArgumentException($"T2 = {t2} exceeds 2 T1 = {2 * t1}: not a physical qubit (T2 <= 2 T1)", nameof(t2));
        }
        if (!double.IsFinite(duration) || duration < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "duration must be finite and >= 0");
        }
        double gamma = -double.ExpM1(-duration / t1);
        double invTphi = Math.Max(0, 1 / t2 - 1 / (2 * t1));
        double lambda = -double.ExpM1(-2 * duration * invTphi);
        var channel = PhaseDamping(lambda).After(AmplitudeDamping(gamma));
        return new SingleQubitChannel($"thermal_relaxation(T1={Fmt(t1)}, T2={Fmt(t2)}, t={Fmt(duration)})", channel._kraus);
    }

    /// <summary>
    /// The channel "first <paramref name="first"/>, then this": Kraus operators A_j B_i. Products that are exactly
    /// zero are dropped.
    /// </summary>
    public SingleQubitChannel After(SingleQubitChannel first)
    {
        ArgumentNullException.ThrowIfNull(first);
        var products = new List<Matrix2>();
        foreach (var a in _kraus)
        {
            foreach (var b in first._kraus)
            {
                var m = a * b;
                if (m.M00 != Complex.Zero || m.M01 != Complex.Zero || m.M10 != Complex.Zero || m.M11 != Complex.Zero)
                {
                    products.Add(m);
                }
            }
        }
        if (products.Count == 0)
        {
            throw new InvalidOperationException($"composing {first.Name} and {Name} gave no non-zero Kraus operator");
        }
        return new SingleQubitChannel($"{Name} * {first.Name}", products);
    }

    /// <summary>sum_k K_k^dagger K_k (the identity for a trace-preserving channel).</summary>
    public Matrix2 CompletenessSum()
    {
        var s = new Matrix2(0, 0, 0, 0);
        foreach (var k in _kraus)
        {
            var p = k.Adjoint() * k;
            s = new Matrix2(s.M00 + p.M00, s.M01 + p.M01, s.M10 + p.M10, s.M11 + p.M11);
        }
        return s;
    }

    /// <summary>Whether sum_k K_k^dagger K_k = I within <paramref name="tolerance"/> (max entry deviation).</summary>
    public bool IsTracePreserving(double tolerance = 1e-12)
    {
        var s = CompletenessSum();
        return Complex.Abs(s.M00 - 1) <= tolerance && Complex.Abs(s.M01) <= tolerance
            && Complex.Abs(s.M10) <= tolerance && Complex.Abs(s.M11 - 1) <= tolerance;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({_kraus.Length} Kraus operators)";

    /// <summary>c_k for diagonal entries (d0, d1) and off-diagonal magnitude of K^dagger K, or null if some K^dagger K is not c I.</summary>
    internal static double[]? MixedUnitaryWeights(IEnumerable<(Complex D0, Complex D1, double OffDiagonal)> products)
    {
        var weights = new List<double>();
        foreach (var (d0, d1, off) in products)
        {
            if (off > 1e-14 || Complex.Abs(d0 - d1) > 1e-14 || Math.Abs(d0.Imaginary) > 1e-14)
            {
                return null;
            }
            weights.Add(d0.Real);
        }
        return weights.ToArray();
    }

    internal static Matrix2 Scale(double s, in Matrix2 m) => new(s * m.M00, s * m.M01, s * m.M10, s * m.M11);

    internal static void CheckRange(double value, double low, double high, string name)
    {
        if (!double.IsFinite(value) || value < low || value > high)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{low}, {high}]");
        }
    }

    internal static string Fmt(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}
