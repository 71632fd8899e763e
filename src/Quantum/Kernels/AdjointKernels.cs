using System.Numerics;
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
/// Kernels of the adjoint (reverse-mode) sweep over phi (the state) and lambda (the back-propagated cotangent):
/// the seed lambda = H phi, read-only cross terms of a qubit, and real gates whose gradient sum and un-application
/// from both states share one pass.
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
            int i = 0;
            if (SimdEnabled && size >= 4)
            {
                var vstep = Vector256.Create(step);
                for (; i < size; i += 4)
                {
                    Vector256.Store(Vector256.Load(diagonal + i) - vstep, diagonal + i + size);
                }
            }
            for (; i < size; i++)
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
            if (SimdEnabled && n >= MinSimdQubits && q < 2)
            {
                if (q == 0)
                {
                    InLaneSeed<SwapQubit0>(pr, pi, lr, li, n, x, y);
                }
                else
                {
                    InLaneSeed<SwapQubit1>(pr, pi, lr, li, n, x, y);
                }
                continue;
            }
            int stride = 1 << q;
            int half = dim >> 1;
            int k = 0;
            if (UseWide(q, -1) && y == 0)
            {
                // The common ZX / Z readouts have no Y term: lambda0 += x a1, lambda1 += x a0 on 8 lanes.
                var wx = Vector512.Create(x);
                var walk = PairWalk.CrossLane(n, q, -1);
                for (; k < walk.Count; k += 8)
                {
                    int i0 = walk.Index(k), i1 = i0 + stride;
                    Vector512.Store(Fma(wx, Vector512.Load(pr + i1), Vector512.Load(lr + i0)), lr + i0);
                    Vector512.Store(Fma(wx, Vector512.Load(pi + i1), Vector512.Load(li + i0)), li + i0);
                    Vector512.Store(Fma(wx, Vector512.Load(pr + i0), Vector512.Load(lr + i1)), lr + i1);
                    Vector512.Store(Fma(wx, Vector512.Load(pi + i0), Vector512.Load(li + i1)), li + i1);
                }
            }
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
        return WideLaneKernels.Applies(n)
            ? WideLaneKernels.RealGate(pr, pi, lr, li, n, target, control, a, b, c, d)
            : FourLaneRealGate(pr, pi, lr, li, n, target, control, a, b, c, d);
    }

    /// <summary>The 4-lane (AVX2) path of <see cref="RealGate"/>.</summary>
    internal static double FourLaneRealGate(double* pr, double* pi, double* lr, double* li, int n, int target, int control,
        double a, double b, double c, double d)
    {
        if (target >= 2)
        {
            return CrossLaneRealGate(pr, pi, lr, li, n, target, control, a, b, c, d);
        }
        return target == 0
            ? InLaneRealGate<SwapQubit0>(pr, pi, lr, li, n, control, a, b, c, d)
            : InLaneRealGate<SwapQubit1>(pr, pi, lr, li, n, control, a, b, c, d);
    }

    /// <summary>lambda += (x X_q + y Y_q) phi for q = 0 or 1: per lane, the partner amplitude with a sign on the Y part.</summary>
    private static void InLaneSeed<TSwap>(double* pr, double* pi, double* lr, double* li, int n, double x, double y)
        where TSwap : struct, ILaneSwap
    {
        // Lower lanes: lambda0 += x a1 - i y a1; upper lanes: lambda1 += x a0 + i y a0.
        var vx = Vector256.Create(x);
        var sy = TSwap.Target == 0 ? Vector256.Create(y, -y, y, -y) : Vector256.Create(y, y, -y, -y);
        var nsy = -sy;
        int dim = 1 << n;
        for (int i = 0; i < dim; i += 4)
        {
            var ar = TSwap.Swap(Vector256.Load(pr + i));
            var ai = TSwap.Swap(Vector256.Load(pi + i));
            Vector256.Store(Fma(vx, ar, Fma(sy, ai, Vector256.Load(lr + i))), lr + i);
            Vector256.Store(Fma(vx, ai, Fma(nsy, ar, Vector256.Load(li + i))), li + i);
        }
    }

    /// <summary>
    /// The <see cref="CrossTerm"/> of qubit <paramref name="target"/> from (phi, lambda) without changing them: a
    /// read-only pass, used where all blocks of a layer are differentiated at one point (they commute). With a
    /// <paramref name="control"/> only the pairs whose control bit is 1 count (derivatives of controlled rotations).
    /// </summary>
    public static CrossTerm CrossTermOf(double* pr, double* pi, double* lr, double* li, int n, int target, int control = -1)
    {
        if (!SimdEnabled || n < MinSimdQubits)
        {
            return ScalarCrossTerm(pr, pi, lr, li, n, target, control);
        }
        return WideLaneKernels.Applies(n)
            ? WideLaneKernels.CrossTermOf(pr, pi, lr, li, n, target, control)
            : FourLaneCrossTerm(pr, pi, lr, li, n, target, control);
    }

    /// <summary>The 4-lane (AVX2) path of <see cref="CrossTermOf"/>.</summary>
    internal static CrossTerm FourLaneCrossTerm(double* pr, double* pi, double* lr, double* li, int n, int target, int control)
    {
        if (target >= 2)
        {
            return CrossLaneCrossTerm(pr, pi, lr, li, n, target, control);
        }
        return target == 0
            ? InLaneCrossTerm<SwapQubit0>(pr, pi, lr, li, n, control)
            : InLaneCrossTerm<SwapQubit1>(pr, pi, lr, li, n, control);
    }

    /// <summary>Reference loop (double or float state; sums in double).</summary>
    public static CrossTerm ScalarCrossTerm<T>(T* pr, T* pi, T* lr, T* li, int n, int target, int control = -1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int stride = 1 << target;
        int cmask = control >= 0 ? 1 << control : 0;
        int half = 1 << (n - 1);
        double sd = 0, ss = 0, st = 0;
        for (int k = 0; k < half; k++)
        {
            int i0 = PairIndex.InsertZero(k, target), i1 = i0 | stride;
            if ((i0 & cmask) != cmask)
            {
                continue;
            }
            double f0r = double.CreateTruncating(pr[i0]), f0i = double.CreateTruncating(pi[i0]);
            double f1r = double.CreateTruncating(pr[i1]), f1i = double.CreateTruncating(pi[i1]);
            double l0r = double.CreateTruncating(lr[i0]), l0i = double.CreateTruncating(li[i0]);
            double l1r = double.CreateTruncating(lr[i1]), l1i = double.CreateTruncating(li[i1]);
            sd += f0i * l0r - f0r * l0i - f1i * l1r + f1r * l1i;
            ss += f0i * l1r - f0r * l1i + f1i * l0r - f1r * l0i;
            st += f1r * l0r + f1i * l0i - f0r * l1r - f0i * l1i;
        }
        return new CrossTerm(sd, ss, st);
    }

    /// <summary>Lane masks are constant across the loop, so they are applied once to the lane sums at the end.</summary>
    internal static CrossTerm CrossLaneCrossTerm(double* pr, double* pi, double* lr, double* li, int n, int target, int control)
    {
        var accD = Vector256<double>.Zero;
        var accS = Vector256<double>.Zero;
        var accT = Vector256<double>.Zero;
        int stride = 1 << target;
        var walk = PairWalk.CrossLane(n, target, control);
        for (int k = 0; k < walk.Count; k += 4)
        {
            int i0 = walk.Index(k), i1 = i0 + stride;
            var f0r = Vector256.Load(pr + i0);
            var f0i = Vector256.Load(pi + i0);
            var f1r = Vector256.Load(pr + i1);
            var f1i = Vector256.Load(pi + i1);
            var l0r = Vector256.Load(lr + i0);
            var l0i = Vector256.Load(li + i0);
            var l1r = Vector256.Load(lr + i1);
            var l1i = Vector256.Load(li + i1);
            // Terms are formed off the loop-carried chain so each accumulator waits for one add only.
            accD += Fma(f0i, l0r, f1r * l1i) - Fma(f0r, l0i, f1i * l1r);
            accS += Fma(f0i, l1r, f1i * l0r) - Fma(f0r, l1i, f1r * l0i);
            accT += Fma(f1r, l0r, f1i * l0i) - Fma(f0r, l1r, f0i * l1i);
        }
        var mask = new CrossLaneMatrix(Matrix2.Identity, control).ActiveMask;
        return new CrossTerm(Vector256.Sum(mask * accD), Vector256.Sum(mask * accS), Vector256.Sum(mask * accT));
    }

    private static CrossTerm InLaneCrossTerm<TSwap>(double* pr, double* pi, double* lr, double* li, int n, int control)
        where TSwap : struct, ILaneSwap
    {
        var accD = Vector256<double>.Zero;
        var accS = Vector256<double>.Zero;
        var accT = Vector256<double>.Zero;
        var walk = PairWalk.InLane(n, control);
        for (int k = 0; k < walk.Count; k += 4)
        {
            int i = walk.Index(k);
            var fr = Vector256.Load(pr + i);
            var fi = Vector256.Load(pi + i);
            var lre = Vector256.Load(lr + i);
            var lim = Vector256.Load(li + i);
            var fpr = TSwap.Swap(fr);
            var fpi = TSwap.Swap(fi);
            var lpr = TSwap.Swap(lre);
            var lpi = TSwap.Swap(lim);
            // Every lane is treated as member 0 of its pair; the mask below keeps the lanes that really are.
            accD += Fma(fi, lre, fpr * lpi) - Fma(fr, lim, fpi * lpr);
            accS += Fma(fi, lpr, fpi * lre) - Fma(fr, lpi, fpr * lim);
            accT += Fma(fpr, lre, fpi * lim) - Fma(fr, lpr, fi * lpi);
        }
        var mask = new InLaneMatrix(Matrix2.Identity, TSwap.Target, control).PairMask;
        return new CrossTerm(Vector256.Sum(mask * accD), Vector256.Sum(mask * accS), Vector256.Sum(mask * accT));
    }

    /// <summary>Reference loop (double or float state; the sum in double).</summary>
    public static double ScalarRealGate<T>(T* pr, T* pi, T* lr, T* li, int n, int target, int control,
        double a, double b, double c, double d)
        where T : unmanaged, IFloatingPointIeee754<T>
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
            st += double.CreateTruncating(pr[i1]) * double.CreateTruncating(lr[i0]) + double.CreateTruncating(pi[i1]) * double.CreateTruncating(li[i0])
                - double.CreateTruncating(pr[i0]) * double.CreateTruncating(lr[i1]) - double.CreateTruncating(pi[i0]) * double.CreateTruncating(li[i1]);
        }
        var m = new Matrix2(a, b, c, d);
        ScalarMatrix(pr, pi, n, target, control, m);
        ScalarMatrix(lr, li, n, target, control, m);
        return st;
    }

    internal static double CrossLaneRealGate(double* pr, double* pi, double* lr, double* li, int n, int target, int control,
        double a, double b, double cc, double d)
    {
        var c = new CrossLaneMatrix(new Matrix2(a, b, cc, d), control);
        Vector256<double> m00 = c.M00r, m01 = c.M01r, m10 = c.M10r, m11 = c.M11r, mask = c.ActiveMask;
        var accT = Vector256<double>.Zero;
        int stride = 1 << target;
        var walk = PairWalk.CrossLane(n, target, control);
        for (int k = 0; k < walk.Count; k += 4)
        {
            int i0 = walk.Index(k), i1 = i0 + stride;
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
        var walk = PairWalk.InLane(n, control);
        for (int k = 0; k < walk.Count; k += 4)
        {
            int i = walk.Index(k);
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
