using System.Numerics;
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

    /// <summary>Reference loop (double or float state; sums in double).</summary>
    public static void ScalarAllZ<T>(T* re, T* im, int n, Span<double> z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int dim = 1 << n;
        Span<double> upper = stackalloc double[n];
        upper.Clear();
        double total = 0;
        for (int i = 0; i < dim; i++)
        {
            double r = double.CreateTruncating(re[i]), x = double.CreateTruncating(im[i]);
            double p = r * r + x * x;
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
            var walk = PairWalk.CrossLane(n, q, -1);
            // Two vectors per iteration into four accumulators: the sums are latency-bound otherwise.
            Vector256<double> a0 = Vector256<double>.Zero, a1 = a0, b0 = a0, b1 = a0;
            int k = 0;
            for (; k + 8 <= walk.Count; k += 8)
            {
                int i = walk.Index(k), j = walk.Index(k + 4);
                var r0 = Vector256.Load(re + i);
                var x0 = Vector256.Load(im + i);
                var r1 = Vector256.Load(re + i + stride);
                var x1 = Vector256.Load(im + i + stride);
                var s0 = Vector256.Load(re + j);
                var y0 = Vector256.Load(im + j);
                var s1 = Vector256.Load(re + j + stride);
                var y1 = Vector256.Load(im + j + stride);
                if (imaginaryPart)
                {
                    a0 = GateKernels.Fma(r0, x1, a0);
                    b0 = GateKernels.Fma(x0, r1, b0);
                    a1 = GateKernels.Fma(s0, y1, a1);
                    b1 = GateKernels.Fma(y0, s1, b1);
                }
                else
                {
                    a0 = GateKernels.Fma(r0, r1, a0);
                    b0 = GateKernels.Fma(x0, x1, b0);
                    a1 = GateKernels.Fma(s0, s1, a1);
                    b1 = GateKernels.Fma(y0, y1, b1);
                }
            }
            for (; k < walk.Count; k += 4)
            {
                int i = walk.Index(k);
                var r0 = Vector256.Load(re + i);
                var x0 = Vector256.Load(im + i);
                var r1 = Vector256.Load(re + i + stride);
                var x1 = Vector256.Load(im + i + stride);
                a0 = GateKernels.Fma(r0, imaginaryPart ? x1 : r1, a0);
                b0 = GateKernels.Fma(x0, imaginaryPart ? r1 : x1, b0);
            }
            var sum = imaginaryPart ? (a0 + a1) - (b0 + b1) : (a0 + a1) + (b0 + b1);
            return 2 * Vector256.Sum(sum);
        }
        return q == 0 ? InLanePairSum<SwapQubit0>(re, im, n, imaginaryPart) : InLanePairSum<SwapQubit1>(re, im, n, imaginaryPart);
    }

    /// <summary>Every lane sees its partner, so each pair is counted twice: once per lane (with a sign flip for Y).</summary>
    private static double InLanePairSum<TSwap>(double* re, double* im, int n, bool imaginaryPart)
        where TSwap : struct, ILaneSwap
    {
        int dim = 1 << n;
        var sign = TSwap.Target == 0 ? Vector256.Create(1.0, -1.0, 1.0, -1.0) : Vector256.Create(1.0, 1.0, -1.0, -1.0);
        // Two independent accumulators (real and imaginary products) halve the loop-carried latency.
        var a = Vector256<double>.Zero;
        var b = Vector256<double>.Zero;
        for (int i = 0; i < dim; i += 4)
        {
            var r = Vector256.Load(re + i);
            var x = Vector256.Load(im + i);
            if (imaginaryPart)
            {
                a = GateKernels.Fma(r, TSwap.Swap(x), a);
                b = GateKernels.Fma(x, TSwap.Swap(r), b);
            }
            else
            {
                a = GateKernels.Fma(r, TSwap.Swap(r), a);
                b = GateKernels.Fma(x, TSwap.Swap(x), b);
            }
        }
        return imaginaryPart ? Vector256.Sum(sign * (a - b)) : Vector256.Sum(a + b);
    }

    /// <summary>Reference loop (double or float state; sums in double).</summary>
    public static double ScalarPairSum<T>(T* re, T* im, int n, int q, bool imaginaryPart)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int stride = 1 << q;
        int half = 1 << (n - 1);
        double sum = 0;
        for (int k = 0; k < half; k++)
        {
            int i0 = PairIndex.InsertZero(k, q);
            int i1 = i0 | stride;
            double r0 = double.CreateTruncating(re[i0]), x0 = double.CreateTruncating(im[i0]);
            double r1 = double.CreateTruncating(re[i1]), x1 = double.CreateTruncating(im[i1]);
            sum += imaginaryPart ? r0 * x1 - x0 * r1 : r0 * r1 + x0 * x1;
        }
        return 2 * sum;
    }
}
