using System.Runtime.Intrinsics;
using QGan.MLNet.Quantum.Gates;
using static QGan.MLNet.Quantum.Kernels.GateKernels;

namespace QGan.MLNet.Quantum.Kernels;

/// <summary>
/// The three numbers of the cross term M = sum_rest phi_pair lambda_pair^dagger (a 2x2 matrix over one qubit) that
/// any gradient Im tr(A M) with a traceless Hermitian A = [[a, b], [conj b, -a]] needs:
/// Im tr(A M) = a D + Re(b) S + Im(b) T, with D = Im(M00 - M11), S = Im(M01 + M10), T = Re(M10 - M01).
/// </summary>
internal readonly record struct CrossTerm(double D, double S, double T)
{
    /// <summary>Im tr(A M) for a traceless Hermitian A (the derivative of a rotation whose generator, moved to the
    /// end of its fused block, is A).</summary>
    public double ImTrace(in Matrix2 a) => a.M00.Real * D + a.M01.Real * S + a.M01.Imaginary * T;
}

/// <summary>
/// Kernels of the adjoint (reverse-mode) sweep: each reads phi (the state) and lambda (the back-propagated
/// cotangent) once, accumulates the gradient cross terms, and un-applies the gate from both in the same pass.
/// </summary>
internal static unsafe class AdjointKernels
{
    /// <summary>
    /// lambda = H phi for H = sum_q gz[q] Z_q + gx[q] X_q + gy[q] Y_q (the upstream gradient dotted into the
    /// observables). <paramref name="diagonal"/> is scratch of length 2^n.
    /// </summary>
    public static void Seed(double* pr, double* pi, double* lr, double* li, int n,
        ReadOnlySpan<double> gz, ReadOnlySpan<double> gx, ReadOnlySpan<double> gy, double* diagonal)
    {
        int dim = 1 << n;
        double d0 = 0;
        for (int q = 0; q < n; q++)
        {
            d0 += gz[q];
        }
        diagonal[0] = d0;
        for (int q = 0; q < n; q++)
        {
            int size = 1 << q;
            double step = 2 * gz[q];
            for (int i = 0; i < size; i++)
            {
                diagonal[i + size] = diagonal[i] - step;
            }
        }
        int j = 0;
        if (SimdEnabled)
        {
            for (; j + 4 <= dim; j += 4)
            {
                var d = Vector256.Load(diagonal + j);
                Vector256.Store(d * Vector256.Load(pr + j), lr + j);
                Vector256.Store(d * Vector256.Load(pi + j), li + j);
            }
        }
        for (; j < dim; j++)
        {
            lr[j] = diagonal[j] * pr[j];
            li[j] = diagonal[j] * pi[j];
        }
        for (int q = 0; q < n; q++)
        {
            double x = gx[q], y = gy[q];
            if (x == 0 && y == 0)
            {
                continue;
            }
            int stride = 1 << q;
            int half = dim >> 1;
            int k = 0;
            if (SimdEnabled && q >= 2)
            {
                var vx = Vector256.Create(x);
                var vy = Vector256.Create(y);
                var nvy = -vy;
                for (; k < half; k += 4)
                {
                    int i0 = PairIndex.InsertZero(k, q), i1 = i0 + stride;
                    var p0r = Vector256.Load(pr + i0);
                    var p0i = Vector256.Load(pi + i0);
                    var p1r = Vector256.Load(pr + i1);
                    var p1i = Vector256.Load(pi + i1);
                    // X|a0,a1> = |a1,a0>; Y|a0,a1> = |-i a1, i a0>.
                    Vector256.Store(Fma(vx, p1r, Fma(vy, p1i, Vector256.Load(lr + i0))), lr + i0);
                    Vector256.Store(Fma(vx, p1i, Fma(nvy, p1r, Vector256.Load(li + i0))), li + i0);
                    Vector256.Store(Fma(vx, p0r, Fma(nvy, p0i, Vector256.Load(lr + i1))), lr + i1);
                    Vector256.Store(Fma(vx, p0i, Fma(vy, p0r, Vector256.Load(li + i1))), li + i1);
                }
            }
            for (; k < half; k++)
            {
                int i0 = PairIndex.InsertZero(k, q), i1 = i0 + stride;
                lr[i0] += x * pr[i1] + y * pi[i1];
                li[i0] += x * pi[i1] - y * pr[i1];
                lr[i1] += x * pr[i0] - y * pi[i0];
                li[i1] += x * pi[i0] + y * pr[i0];
            }
        }
    }

    /// <summary>
    /// Accumulates the <see cref="CrossTerm"/> of qubit <paramref name="target"/> from (phi, lambda) and then applies
    /// <paramref name="inverse"/> (the adjoint of a fused single-qubit block) to both.
    /// </summary>
    public static CrossTerm ComplexBlock(double* pr, double* pi, double* lr, double* li, int n, int target, in Matrix2 inverse)
    {
        if (!SimdEnabled || n < MinSimdQubits)
        {
            return ScalarComplexBlock(pr, pi, lr, li, n, target, inverse);
        }
        if (target >= 2)
        {
            return CrossLaneComplexBlock(pr, pi, lr, li, n, target, inverse);
        }
        return target == 0
            ? InLaneComplexBlock<SwapQubit0>(pr, pi, lr, li, n, inverse)
            : InLaneComplexBlock<SwapQubit1>(pr, pi, lr, li, n, inverse);
    }

    /// <summary>
    /// For a real (optionally controlled) gate such as CRY or RY: returns T = Re(M10 - M01) over the pairs the gate
    /// acts on (the RY / CRY derivative is -T) and then applies the real matrix [[a, b], [c, d]] to phi and lambda.
    /// </summary>
    public static double RealGate(double* pr, double* pi, double* lr, double* li, int n, int target, int control,
        double a, double b, double c, double d)
    {
        if (!SimdEnabled || n < MinSimdQubits)
        {
            return ScalarRealGate(pr, pi, lr, li, n, target, control, a, b, c, d);
        }
        if (target >= 2)
        {
            return CrossLaneRealGate(pr, pi, lr, li, n, target, control, a, b, c, d);
        }
        return target == 0
            ? InLaneRealGate<SwapQubit0>(pr, pi, lr, li, n, control, a, b, c, d)
            : InLaneRealGate<SwapQubit1>(pr, pi, lr, li, n, control, a, b, c, d);
    }

    public static CrossTerm ScalarComplexBlock(double* pr, double* pi, double* lr, double* li, int n, int target, in Matrix2 u)
    {
        int stride = 1 << target;
        int half = 1 << (n - 1);
        double sd = 0, ss = 0, st = 0;
        for (int k = 0; k < half; k++)
        {
            int i0 = PairIndex.InsertZero(k, target), i1 = i0 | stride;
            double f0r = pr[i0], f0i = pi[i0], f1r = pr[i1], f1i = pi[i1];
            double l0r = lr[i0], l0i = li[i0], l1r = lr[i1], l1i = li[i1];
            sd += f0i * l0r - f0r * l0i - f1i * l1r + f1r * l1i;
            ss += f0i * l1r - f0r * l1i + f1i * l0r - f1r * l0i;
            st += f1r * l0r + f1i * l0i - f0r * l1r - f0i * l1i;
        }
        ScalarMatrix(pr, pi, n, target, -1, u);
        ScalarMatrix(lr, li, n, target, -1, u);
        return new CrossTerm(sd, ss, st);
    }

    public static double ScalarRealGate(double* pr, double* pi, double* lr, double* li, int n, int target, int control,
        double a, double b, double c, double d)
    {
        int stride = 1 << target;
        int cmask = control >= 0 ? 1 << control : 0;
        int half = 1 << (n - 1);
        double st = 0;
        for (int k = 0; k < half; k++)
        {
            int i0 = PairIndex.InsertZero(k, target), i1 = i0 | stride;
            if ((i0 & cmask) != cmask)
            {
                continue;
            }
            st += pr[i1] * lr[i0] + pi[i1] * li[i0] - pr[i0] * lr[i1] - pi[i0] * li[i1];
        }
        var m = new Matrix2(a, b, c, d);
        ScalarMatrix(pr, pi, n, target, control, m);
        ScalarMatrix(lr, li, n, target, control, m);
        return st;
    }

    private static CrossTerm CrossLaneComplexBlock(double* pr, double* pi, double* lr, double* li, int n, int target, in Matrix2 u)
    {
        var c = new CrossLaneMatrix(u, -1);
        Vector256<double> m00r = c.M00r, m00i = c.M00i, m01r = c.M01r, m01i = c.M01i;
        Vector256<double> m10r = c.M10r, m10i = c.M10i, m11r = c.M11r, m11i = c.M11i;
        Vector256<double> n00i = -m00i, n01i = -m01i, n10i = -m10i, n11i = -m11i;
        var accD = Vector256<double>.Zero;
        var accS = Vector256<double>.Zero;
        var accT = Vector256<double>.Zero;
        int stride = 1 << target;
        int half = 1 << (n - 1);
        for (int k = 0; k < half; k += 4)
        {
            int i0 = PairIndex.InsertZero(k, target), i1 = i0 + stride;
            var f0r = Vector256.Load(pr + i0);
            var f0i = Vector256.Load(pi + i0);
            var f1r = Vector256.Load(pr + i1);
            var f1i = Vector256.Load(pi + i1);
            var l0r = Vector256.Load(lr + i0);
            var l0i = Vector256.Load(li + i0);
            var l1r = Vector256.Load(lr + i1);
            var l1i = Vector256.Load(li + i1);
            accD = Fma(f0i, l0r, Fma(f1r, l1i, accD)) - Fma(f0r, l0i, f1i * l1r);
            accS = Fma(f0i, l1r, Fma(f1i, l0r, accS)) - Fma(f0r, l1i, f1r * l0i);
            accT = Fma(f1r, l0r, Fma(f1i, l0i, accT)) - Fma(f0r, l1r, f0i * l1i);
            Vector256.Store(Fma(m00r, f0r, Fma(n00i, f0i, Fma(m01r, f1r, n01i * f1i))), pr + i0);
            Vector256.Store(Fma(m00r, f0i, Fma(m00i, f0r, Fma(m01r, f1i, m01i * f1r))), pi + i0);
            Vector256.Store(Fma(m10r, f0r, Fma(n10i, f0i, Fma(m11r, f1r, n11i * f1i))), pr + i1);
            Vector256.Store(Fma(m10r, f0i, Fma(m10i, f0r, Fma(m11r, f1i, m11i * f1r))), pi + i1);
            Vector256.Store(Fma(m00r, l0r, Fma(n00i, l0i, Fma(m01r, l1r, n01i * l1i))), lr + i0);
            Vector256.Store(Fma(m00r, l0i, Fma(m00i, l0r, Fma(m01r, l1i, m01i * l1r))), li + i0);
            Vector256.Store(Fma(m10r, l0r, Fma(n10i, l0i, Fma(m11r, l1r, n11i * l1i))), lr + i1);
            Vector256.Store(Fma(m10r, l0i, Fma(m10i, l0r, Fma(m11r, l1i, m11i * l1r))), li + i1);
        }
        return new CrossTerm(Vector256.Sum(accD), Vector256.Sum(accS), Vector256.Sum(accT));
    }

    private static CrossTerm InLaneComplexBlock<TSwap>(double* pr, double* pi, double* lr, double* li, int n, in Matrix2 u)
        where TSwap : struct, ILaneSwap
    {
        var c = new InLaneMatrix(u, TSwap.Target, -1);
        Vector256<double> ar = c.Ar, ai = c.Ai, br = c.Br, bi = c.Bi, nai = -c.Ai, nbi = -c.Bi, mask = c.PairMask;
        var accD = Vector256<double>.Zero;
        var accS = Vector256<double>.Zero;
        var accT = Vector256<double>.Zero;
        int dim = 1 << n;
        for (int i = 0; i < dim; i += 4)
        {
            var fr = Vector256.Load(pr + i);
            var fi = Vector256.Load(pi + i);
            var lre = Vector256.Load(lr + i);
            var lim = Vector256.Load(li + i);
            var fpr = TSwap.Swap(fr);
            var fpi = TSwap.Swap(fi);
            var lpr = TSwap.Swap(lre);
            var lpi = TSwap.Swap(lim);
            // On the first lane of each pair (mask = 1): (f, l) are member 0 and (fp, lp) member 1.
            accD = Fma(mask, Fma(fi, lre, Fma(fpr, lpi, -Fma(fr, lim, fpi * lpr))), accD);
            accS = Fma(mask, Fma(fi, lpr, Fma(fpi, lre, -Fma(fr, lpi, fpr * lim))), accS);
            accT = Fma(mask, Fma(fpr, lre, Fma(fpi, lim, -Fma(fr, lpr, fi * lpi))), accT);
            Vector256.Store(Fma(ar, fr, Fma(nai, fi, Fma(br, fpr, nbi * fpi))), pr + i);
            Vector256.Store(Fma(ar, fi, Fma(ai, fr, Fma(br, fpi, bi * fpr))), pi + i);
            Vector256.Store(Fma(ar, lre, Fma(nai, lim, Fma(br, lpr, nbi * lpi))), lr + i);
            Vector256.Store(Fma(ar, lim, Fma(ai, lre, Fma(br, lpi, bi * lpr))), li + i);
        }
        return new CrossTerm(Vector256.Sum(accD), Vector256.Sum(accS), Vector256.Sum(accT));
    }

    private static double CrossLaneRealGate(double* pr, double* pi, double* lr, double* li, int n, int target, int control,
        double a, double b, double cc, double d)
    {
        var c = new CrossLaneMatrix(new Matrix2(a, b, cc, d), control);
        Vector256<double> m00 = c.M00r, m01 = c.M01r, m10 = c.M10r, m11 = c.M11r, mask = c.ActiveMask;
        var accT = Vector256<double>.Zero;
        int stride = 1 << target;
        int lo = Math.Min(target, control), hi = Math.Max(target, control);
        int count = CrossLaneCount(n, control);
        for (int k = 0; k < count; k += 4)
        {
            int i0 = CrossLaneIndex(k, target, control, lo, hi), i1 = i0 + stride;
            var f0r = Vector256.Load(pr + i0);
            var f0i = Vector256.Load(pi + i0);
            var f1r = Vector256.Load(pr + i1);
            var f1i = Vector256.Load(pi + i1);
            var l0r = Vector256.Load(lr + i0);
            var l0i = Vector256.Load(li + i0);
            var l1r = Vector256.Load(lr + i1);
            var l1i = Vector256.Load(li + i1);
            accT = Fma(mask, Fma(f1r, l0r, Fma(f1i, l0i, -Fma(f0r, l1r, f0i * l1i))), accT);
            Vector256.Store(Fma(m00, f0r, m01 * f1r), pr + i0);
            Vector256.Store(Fma(m00, f0i, m01 * f1i), pi + i0);
            Vector256.Store(Fma(m10, f0r, m11 * f1r), pr + i1);
            Vector256.Store(Fma(m10, f0i, m11 * f1i), pi + i1);
            Vector256.Store(Fma(m00, l0r, m01 * l1r), lr + i0);
            Vector256.Store(Fma(m00, l0i, m01 * l1i), li + i0);
            Vector256.Store(Fma(m10, l0r, m11 * l1r), lr + i1);
            Vector256.Store(Fma(m10, l0i, m11 * l1i), li + i1);
        }
        return Vector256.Sum(accT);
    }

    private static double InLaneRealGate<TSwap>(double* pr, double* pi, double* lr, double* li, int n, int control,
        double a, double b, double cc, double d)
        where TSwap : struct, ILaneSwap
    {
        var c = new InLaneMatrix(new Matrix2(a, b, cc, d), TSwap.Target, control);
        Vector256<double> ar = c.Ar, br = c.Br, mask = c.PairMask;
        var accT = Vector256<double>.Zero;
        int count = InLaneCount(n, control);
        for (int k = 0; k < count; k += 4)
        {
            int i = InLaneIndex(k, control);
            var fr = Vector256.Load(pr + i);
            var fi = Vector256.Load(pi + i);
            var lre = Vector256.Load(lr + i);
            var lim = Vector256.Load(li + i);
            var fpr = TSwap.Swap(fr);
            var fpi = TSwap.Swap(fi);
            var lpr = TSwap.Swap(lre);
            var lpi = TSwap.Swap(lim);
            accT = Fma(mask, Fma(fpr, lre, Fma(fpi, lim, -Fma(fr, lpr, fi * lpi))), accT);
            Vector256.Store(Fma(ar, fr, br * fpr), pr + i);
            Vector256.Store(Fma(ar, fi, br * fpi), pi + i);
            Vector256.Store(Fma(ar, lre, br * lpr), lr + i);
            Vector256.Store(Fma(ar, lim, br * lpi), li + i);
        }
        return Vector256.Sum(accT);
    }
}
