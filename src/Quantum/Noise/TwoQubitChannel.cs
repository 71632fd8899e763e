using System.Numerics;

namespace QGan.MLNet.Quantum.Noise;

/// <summary>A two-qubit channel in Kraus form on an ordered pair (a, b) (local index bit(a) + 2 bit(b)).</summary>
public sealed class TwoQubitChannel
{
    private readonly Matrix4[] _kraus;

    public TwoQubitChannel(string name, IEnumerable<Matrix4> kraus)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(kraus);
        _kraus = kraus.ToArray();
        if (_kraus.Length == 0)
        {
            throw new ArgumentException("a channel needs at least one Kraus operator", nameof(kraus));
        }
        Name = name;
    }

    public string Name { get; }

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
        for (int b = 0; b < 4; b++)
        {
            for (int a = 0; a < 4; a++)
            {
                double w = a == 0 && b == 0 ? Math.Sqrt(1 - 15 * p / 16) : Math.Sqrt(p / 16);
                kraus.Add(new Complex(w, 0) * Matrix4.Kron(Paulis.All[a], Paulis.All[b]));
            }
        }
        return new TwoQubitChannel($"depolarizing2({SingleQubitChannel.Fmt(p)})", kraus);
    }

    /// <summary>Independent single-qubit channels on a and b (Kraus operators B_j ⊗ A_i).</summary>
    public static TwoQubitChannel Product(SingleQubitChannel onFirst, SingleQubitChannel onSecond)
    {
        ArgumentNullException.ThrowIfNull(onFirst);
        ArgumentNullException.ThrowIfNull(onSecond);
        var kraus = new List<Matrix4>();
        foreach (var b in onSecond.Kraus)
        {
            foreach (var a in onFirst.Kraus)
            {
                kraus.Add(Matrix4.Kron(a, b));
            }
        }
        return new TwoQubitChannel($"{onFirst.Name} (x) {onSecond.Name}", kraus);
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

    public bool IsTracePreserving(double tolerance = 1e-12) => CompletenessError() <= tolerance;

    public override string ToString() => $"{Name} ({_kraus.Length} Kraus operators)";
}
