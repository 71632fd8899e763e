using System.Runtime.Intrinsics;

namespace QGan.MLNet.Quantum.Kernels;

/// <summary>Single-qubit Pauli expectation values of a split-storage state (exact, no sampling).</summary>
internal static unsafe class ExpectationKernels
{
    /// <summary>
    /// &lt;Z_q&gt; for every qubit in one O(2^n) sweep: the probabilities are written to <paramref name="scratch"/>
    /// (length 2^n) and folded in half once per qubit from the top, so P(q = 1) of each high qubit is the sum of the
    /// half being folded away.
    /// </summary>
    public static void AllZ(double* re, double* im, int n, double* scratch, Span<double> z)
    {
        int dim = 1 << n;
        if (!GateKernels.SimdEnabled || n < GateKernels.MinSimdQubits)
        {
            ScalarAllZ(re, im, n, z);
            return;
        }
        for (int i = 0; i < dim; i += 4)
        {
            var r = Vector256.Load(re + i);
            var x = Vector256.Load(im + i);
            Vector256.Store(GateKernels.Fma(r, r, x * x), scratch + i);
        }
        Span<double> upper = stackalloc double[n];
        int len = dim;
        for (int q = n - 1; q >= 2; q--)
        {
            int half = len >> 1;
            var acc = Vector256<double>.Zero;
            for (int j = 0; j < half; j += 4)
            {
                var u = Vector256.Load(scratch + half + j);
                acc += u;
                Vector256.Store(Vector256.Load(scratch + j) + u, scratch + j);
            }
            upper[q] = Vector256.Sum(acc);
            len = half;
        }
        double p0 = scratch[0], p1 = scratch[1], p2 = scratch[2], p3 = scratch[3];
        double total = (p0 + p1) + (p2 + p3);
        upper[0] = p1 + p3;
        upper[1] = p2 + p3;
        for (int q = 0; q < n; q++)
        {
            z[q] = total - 2 * upper[q];
        }
    }

    public static void ScalarAllZ(double* re, double* im, int n, Span<double> z)
    {
        int dim = 1 << n;
        Span<double> upper = stackalloc double[n];
        upper.Clear();
        double total = 0;
        for (int i = 0; i < dim; i++)
        {
            double p = re[i] * re[i] + im[i] * im[i];
            total += p;
            for (int q = 0; q < n; q++)
            {
                if ((i & (1 << q)) != 0)
                {
                    upper[q] += p;
                }
            }
        }
        for (int q = 0; q < n; q++)
        {
            z[q] = total - 2 * upper[q];
        }
    }

    /// <summary>&lt;X_q&gt; = 2 sum over pairs of Re(conj(a0) a1).</summary>
    public static double X(double* re, double* im, int n, int q) => PairSum(re, im, n, q, imaginaryPart: false);

    /// <summary>&lt;Y_q&gt; = 2 sum over pairs of Im(conj(a0) a1).</summary>
    public static double Y(double* re, double* im, int n, int q) => PairSum(re, im, n, q, imaginaryPart: true);

    private static double PairSum(double* re, double* im, int n, int q, bool imaginaryPart)
    {
        if (!GateKernels.SimdEnabled || n < GateKernels.MinSimdQubits)
        {
            return ScalarPairSum(re, im, n, q, imaginaryPart);
        }
        if (q >= 2)
        {
            int stride = 1 << q;
            int half = 1 << (n - 1);
            var acc = Vector256<double>.Zero;
            for (int k = 0; k < half; k += 4)
            {
                int i0 = PairIndex.InsertZero(k, q);
                var r0 = Vector256.Load(re + i0);
                var x0 = Vector256.Load(im + i0);
                var r1 = Vector256.Load(re + i0 + stride);
                var x1 = Vector256.Load(im + i0 + stride);
                acc = imaginaryPart
                    ? GateKernels.Fma(r0, x1, GateKernels.Fma(-x0, r1, acc))
                    : GateKernels.Fma(r0, r1, GateKernels.Fma(x0, x1, acc));
            }
            return 2 * Vector256.Sum(acc);
        }
        return q == 0 ? InLanePairSum<SwapQubit0>(re, im, n, imaginaryPart) : InLanePairSum<SwapQubit1>(re, im, n, imaginaryPart);
    }

    /// <summary>Every lane sees its partner, so each pair is counted twice: once per lane (with a sign flip for Y).</summary>
    private static double InLanePairSum<TSwap>(double* re, double* im, int n, bool imaginaryPart)
        where TSwap : struct, ILaneSwap
    {
        int dim = 1 << n;
        var sign = TSwap.Target == 0 ? Vector256.Create(1.0, -1.0, 1.0, -1.0) : Vector256.Create(1.0, 1.0, -1.0, -1.0);
        var acc = Vector256<double>.Zero;
        for (int i = 0; i < dim; i += 4)
        {
            var r = Vector256.Load(re + i);
            var x = Vector256.Load(im + i);
            var pr = TSwap.Swap(r);
            var px = TSwap.Swap(x);
            acc = imaginaryPart
                ? GateKernels.Fma(sign, GateKernels.Fma(r, px, -(x * pr)), acc)
                : GateKernels.Fma(r, pr, GateKernels.Fma(x, px, acc));
        }
        return Vector256.Sum(acc);
    }

    public static double ScalarPairSum(double* re, double* im, int n, int q, bool imaginaryPart)
    {
        int stride = 1 << q;
        int half = 1 << (n - 1);
        double sum = 0;
        for (int k = 0; k < half; k++)
        {
            int i0 = PairIndex.InsertZero(k, q);
            int i1 = i0 | stride;
            sum += imaginaryPart ? re[i0] * im[i1] - im[i0] * re[i1] : re[i0] * re[i1] + im[i0] * im[i1];
        }
        return 2 * sum;
    }
}
