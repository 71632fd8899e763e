using System.Numerics;
using QGan.MLNet.Quantum.Gates;

namespace QGan.MLNet.Quantum.Noise;

/// <summary>A two-qubit channel in Kraus form on an ordered pair (a, b) (local index bit(a) + 2 bit(b)).</summary>
public sealed class TwoQubitChannel
{
    private readonly Matrix4[] _kraus;

    /// <summary>A two-qubit channel from its Kraus operators, checked to be trace preserving.</summary>
    public TwoQubitChannel(string name, IEnumerable<Matrix4> kraus)
        : this(name, kraus, null)
    {
    }

    private TwoQubitChannel(string name, IEnumerable<Matrix4> kraus, (Matrix2 OnFirst, Matrix2 OnSecond)[]? factors)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(kraus);
        _kraus = kraus.ToArray();
        if (_kraus.Length == 0)
        {
            throw new ArgumentException("a channel needs at least one Kraus operator", nameof(kraus));
        }
        Name = name;
        if (factors is not null && factors.Length != _kraus.Length)
        {
            throw new ArgumentException("one factor pair per Kraus operator is required", nameof(factors));
        }
        ProductFactors = factors;
        KdagK = _kraus.Select(k => k.Adjoint() * k).ToArray();
        FixedProbabilities = SingleQubitChannel.MixedUnitaryWeights(KdagK.Select(m =>
        {
            double off = 0;
            Complex d = m[0, 0];
            for (int r = 0; r < 4; r++)
            {
                for (int c = 0; c < 4; c++)
                {
                    off += r == c ? Complex.Abs(m[r, c] - d) : Complex.Abs(m[r, c]);
                }
            }
            return (d, d, off);
        }));
    }

    /// <summary>Name of the channel, for reports.</summary>
    public string Name { get; }

    /// <summary>K_k^dagger K_k per Kraus operator (branch probabilities are Tr(K_k^dagger K_k rho)).</summary>
    internal Matrix4[] KdagK { get; }

    /// <summary>See <see cref="SingleQubitChannel.FixedProbabilities"/>.</summary>
    public IReadOnlyList<double>? FixedProbabilities { get; }

    /// <summary>
    /// When every Kraus operator is a tensor product B ⊗ A (A on the first qubit, B on the second), the factors
    /// (A, B) per operator; trajectories then apply them as single-qubit operators. Null when unknown.
    /// </summary>
    public IReadOnlyList<(Matrix2 OnFirst, Matrix2 OnSecond)>? ProductFactors { get; }

    /// <summary>The Kraus operators.</summary>
    public IReadOnlyList<Matrix4> Kraus => _kraus;

    /// <summary>
    /// Two-qubit depolarizing channel rho -&gt; (1 - p) rho + p I/4 (Qiskit's depolarizing_error(p, 2)): the identity
    /// with weight sqrt(1 - 15p/16) and each of the 15 other Pauli products with weight sqrt(p/16); p in [0, 16/15].
    /// Average gate infidelity r = 3p/4.
    /// </summary>
    public static TwoQubitChannel Depolarizing(double p)
    {
        SingleQubitChannel.CheckRange(p, 0, 16.0 / 15, nameof(p));
        var kraus = new List<Matrix4>(16);
        var factors = new List<(Matrix2, Matrix2)>(16);
        for (int b = 0; b < 4; b++)
        {
            for (int a = 0; a < 4; a++)
            {
                double w = a == 0 && b == 0 ? Math.Sqrt(1 - 15 * p / 16) : Math.Sqrt(p / 16);
                kraus.Add(new Complex(w, 0) * Matrix4.Kron(Paulis.All[a], Paulis.All[b]));
                factors.Add((SingleQubitChannel.Scale(w, Paulis.All[a]), Paulis.All[b]));
            }
        }
        return new TwoQubitChannel($"depolarizing2({SingleQubitChannel.Fmt(p)})", kraus, factors.ToArray());
    }

    /// <summary>Independent single-qubit channels on a and b (Kraus operators B_j ⊗ A_i).</summary>
    public static TwoQubitChannel Product(SingleQubitChannel onFirst, SingleQubitChannel onSecond)
    {
        ArgumentNullException.ThrowIfNull(onFirst);
        ArgumentNullException.ThrowIfNull(onSecond);
        var kraus = new List<Matrix4>();
        var factors = new List<(Matrix2, Matrix2)>();
        foreach (var b in onSecond.Kraus)
        {
            foreach (var a in onFirst.Kraus)
            {
                kraus.Add(Matrix4.Kron(a, b));
                factors.Add((a, b));
            }
        }
        return new TwoQubitChannel($"{onFirst.Name} (x) {onSecond.Name}", kraus, factors.ToArray());
    }

    /// <summary>Max entry deviation of sum_k K_k^dagger K_k from I.</summary>
    public double CompletenessError()
    {
        var sum = new Complex[16];
        foreach (var k in _kraus)
        {
            var p = k.Adjoint() * k;
            for (int i = 0; i < 16; i++)
            {
                sum[i] += p.Entries[i];
            }
        }
        double worst = 0;
        for (int i = 0; i < 16; i++)
        {
            worst = Math.Max(worst, Complex.Abs(sum[i] - (i % 5 == 0 ? 1 : 0)));
        }
        return worst;
    }

    /// <summary>True when sum K^dagger K equals the identity to <paramref name="tolerance"/>.</summary>
    public bool IsTracePreserving(double tolerance = 1e-12) => CompletenessError() <= tolerance;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({_kraus.Length} Kraus operators)";
}
