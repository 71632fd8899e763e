using QGan.MLNet.Quantum.State;

namespace QGan.MLNet.Quantum.Observables;

/// <summary>A single-qubit Pauli operator.</summary>
public enum Pauli
{
    /// <summary>Pauli X.</summary>
    X,
    /// <summary>Pauli Y.</summary>
    Y,
    /// <summary>Pauli Z.</summary>
    Z,
}

/// <summary>One term c * P_q of a <see cref="PauliObservable"/>.</summary>
public readonly record struct PauliTerm(Pauli Pauli, int Qubit, double Coefficient);

/// <summary>
/// H = sum of c * P_q over single-qubit Pauli terms: the observables the engine measures exactly and differentiates
/// (any readout of the style generator, and any loss that is linear in such expectations, is of this form).
/// </summary>
public sealed class PauliObservable
{
    private readonly PauliTerm[] _terms;

    /// <summary>The observable sum of <paramref name="terms"/> (each c P_q).</summary>
    public PauliObservable(IEnumerable<PauliTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        _terms = terms.ToArray();
        for (int i = 0; i < _terms.Length; i++)
        {
            if (!double.IsFinite(_terms[i].Coefficient))
            {
                throw new ArgumentException($"term {i}: coefficient {_terms[i].Coefficient} is not finite", nameof(terms));
            }
            if (!Enum.IsDefined(_terms[i].Pauli))
            {
                throw new ArgumentException($"term {i}: unknown Pauli {_terms[i].Pauli}", nameof(terms));
            }
        }
    }

    /// <summary>The terms c P_q.</summary>
    public IReadOnlyList<PauliTerm> Terms => _terms;

    /// <summary>Per-qubit coefficients (gz, gx, gy) of H on <paramref name="qubitCount"/> qubits; throws on a qubit out of range.</summary>
    internal void Coefficients(int qubitCount, Span<double> gz, Span<double> gx, Span<double> gy)
    {
        gz.Clear();
        gx.Clear();
        gy.Clear();
        for (int i = 0; i < _terms.Length; i++)
        {
            var t = _terms[i];
            if (t.Qubit < 0 || t.Qubit >= qubitCount)
            {
                throw new ArgumentException($"term {i}: qubit {t.Qubit} is out of range 0..{qubitCount - 1}", "observable");
            }
            var target = t.Pauli switch { Pauli.X => gx, Pauli.Y => gy, _ => gz };
            target[t.Qubit] += t.Coefficient;
        }
    }

    /// <summary>&lt;H&gt; in <paramref name="state"/>.</summary>
    public double Expectation(SplitStateVector state)
    {
        ArgumentNullException.ThrowIfNull(state);
        int n = state.QubitCount;
        Span<double> gz = stackalloc double[n];
        Span<double> gx = stackalloc double[n];
        Span<double> gy = stackalloc double[n];
        Coefficients(n, gz, gx, gy);
        Span<double> z = stackalloc double[n];
        state.ExpectationsZ(z);
        double sum = 0;
        for (int q = 0; q < n; q++)
        {
            sum += gz[q] * z[q];
            if (gx[q] != 0)
            {
                sum += gx[q] * state.ExpectationX(q);
            }
            if (gy[q] != 0)
            {
                sum += gy[q] * state.ExpectationY(q);
            }
        }
        return sum;
    }
}
