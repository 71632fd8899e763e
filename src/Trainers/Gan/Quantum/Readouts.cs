using System.Numerics;
using QGan.MLNet.Quantum.State;
using QGan.MLNet.Quantum.Style;

namespace QGan.MLNet.Trainers.Gan.Quantum;

/// <summary>
/// Readout observables of the style generator, in the order fixed by <see cref="Readout"/>:
/// ZX = [Z_0..Z_{n-1}, X_0..X_{n-1}], Z = [Z_0..Z_{n-1}], XYZ = [X_0.., Y_0.., Z_0..].
/// </summary>
internal static class Readouts
{
    public static void Measure(StateVector state, Readout readout, Span<double> outputs)
    {
        int n = state.QubitCount;
        switch (readout)
        {
            case Readout.ZX:
                for (int q = 0; q < n; q++)
                {
                    outputs[q] = state.ExpectationZ(q);
                    outputs[n + q] = state.ExpectationX(q);
                }
                break;
            case Readout.Z:
                for (int q = 0; q < n; q++)
                {
                    outputs[q] = state.ExpectationZ(q);
                }
                break;
            case Readout.XYZ:
                for (int q = 0; q < n; q++)
                {
                    outputs[q] = state.ExpectationX(q);
                    outputs[n + q] = state.ExpectationY(q);
                    outputs[2 * n + q] = state.ExpectationZ(q);
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(readout), readout, "unknown readout");
        }
    }

    /// <summary>H|psi&gt; with H = sum_k weights[k] O_k (the observable whose expectation is the loss contribution).</summary>
    public static StateVector ApplyWeightedObservable(StateVector psi, Readout readout, ReadOnlySpan<double> weights)
    {
        int n = psi.QubitCount;
        var result = new StateVector(n);
        var r = result.Amplitudes;
        r.Clear();
        var a = psi.Amplitudes;
        for (int q = 0; q < n; q++)
        {
            switch (readout)
            {
                case Readout.ZX:
                    AddZ(a, r, q, weights[q]);
                    AddX(a, r, q, weights[n + q]);
                    break;
                case Readout.Z:
                    AddZ(a, r, q, weights[q]);
                    break;
                case Readout.XYZ:
                    AddX(a, r, q, weights[q]);
                    AddY(a, r, q, weights[n + q]);
                    AddZ(a, r, q, weights[2 * n + q]);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(readout), readout, "unknown readout");
            }
        }
        return result;
    }

    private static void AddZ(ReadOnlySpan<Complex> a, Span<Complex> r, int q, double w)
    {
        int mask = 1 << q;
        for (int i = 0; i < a.Length; i++)
        {
            r[i] += (i & mask) == 0 ? w * a[i] : -w * a[i];
        }
    }

    private static void AddX(ReadOnlySpan<Complex> a, Span<Complex> r, int q, double w)
    {
        int mask = 1 << q;
        for (int i = 0; i < a.Length; i++)
        {
            r[i] += w * a[i ^ mask];
        }
    }

    // Y = [[0, -i], [i, 0]]: (Y a)_i = -i a_{i+s} when bit q of i is 0, +i a_{i-s} when it is 1.
    private static void AddY(ReadOnlySpan<Complex> a, Span<Complex> r, int q, double w)
    {
        int mask = 1 << q;
        var wi = new Complex(0, w);
        for (int i = 0; i < a.Length; i++)
        {
            r[i] += (i & mask) == 0 ? -wi * a[i ^ mask] : wi * a[i ^ mask];
        }
    }
}
