using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using QGan.MLNet.Quantum.Gates;

namespace QGan.MLNet.Quantum.Kernels;

/// <summary>
/// 8-lane (AVX-512) kernels for the placements the whole-vector kernels cannot take: a target qubit 0, 1 or 2, whose
/// pair partner sits in the same 512-bit vector (one permute per vector), and a control qubit 0, 1 or 2 (a lane
/// mask). Every lane is updated as new = A (.) v + B (.) partner(v) with per-lane coefficients (identity on lanes
/// whose control bit is 0), and gradient sums are taken lane-wise and signed once at the end. Before these, the
/// low qubits ran on 4-lane kernels that treated every lane as a full pair, at two to four times the cost of the
/// other qubits.
/// </summary>
internal static unsafe class WideLaneKernels
{
    private const int Lanes = 8;

    /// <summary>True when this class has the kernel for <paramref name="target"/> / <paramref name="control"/>
    /// (callers try the whole-vector kernels first).</summary>
    public static bool Applies(int n, int target, int control) =>
        GateKernels.Wide && n >= 3 && (target < 3 || control is >= 0 and < 3);

    /// <summary>Applies a complex 2x2 matrix to a target qubit 0, 1 or 2.</summary>
    public static void ApplyMatrix(double* re, double* im, int n, int target, int control, in Matrix2 m)
    {
        switch (target)
        {
            case 0:
                InLaneComplex<WideSwap0>(re, im, n, control, m);
                break;
            case 1:
                InLaneComplex<WideSwap1>(re, im, n, control, m);
                break;
            case 2:
                InLaneComplex<WideSwap2>(re, im, n, control, m);
                break;
            default:
                CrossLaneComplex(re, im, n, target, control, m);
                break;
        }
    }

    /// <summary>Applies a real 2x2 matrix [[a, b], [c, d]].</summary>
    public static void ApplyReal(double* re, double* im, int n, int target, int control, double a, double b, double c, double d)
    {
        var m = new Matrix2(a, b, c, d);
        switch (target)
        {
            case 0:
                InLaneReal<WideSwap0>(re, im, n, control, m);
                break;
            case 1:
                InLaneReal<WideSwap1>(re, im, n, control, m);
                break;
            case 2:
                InLaneReal<WideSwap2>(re, im, n, control, m);
                break;
            default:
                CrossLaneReal(re, im, n, target, control, m);
                break;
        }
    }

    /// <summary>See <see cref="AdjointKernels.RealGate"/>: returns T over the active pairs, then applies the real
    /// matrix to phi and lambda.</summary>
    public static double RealGate(double* pr, double* pi, double* lr, double* li, int n, int target, int control,
        double a, double b, double c, double d)
    {
        var m = new Matrix2(a, b, c, d);
        return target switch
        {
            0 => InLaneRealGate<WideSwap0>(pr, pi, lr, li, n, control, m),
            1 => InLaneRealGate<WideSwap1>(pr, pi, lr, li, n, control, m),
            2 => InLaneRealGate<WideSwap2>(pr, pi, lr, li, n, control, m),
            _ => CrossLaneRealGate(pr, pi, lr, li, n, target, control, m),
        };
    }

    /// <summary>See <see cref="AdjointKernels.CrossTermOf"/>.</summary>
    public static CrossTerm CrossTermOf(double* pr, double* pi, double* lr, double* li, int n, int target, int control) => target switch
    {
        0 => InLaneCrossTerm<WideSwap0>(pr, pi, lr, li, n, control),
        1 => InLaneCrossTerm<WideSwap1>(pr, pi, lr, li, n, control),
        2 => InLaneCrossTerm<WideSwap2>(pr, pi, lr, li, n, control),
        _ => CrossLaneCrossTerm(pr, pi, lr, li, n, target, control),
    };

    /// <summary>Vectors to visit: a control &gt;= 3 selects whole vectors, a lower one is a lane mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static PairWalk InLaneWalk(int n, int control) => PairWalk.InLane(n, control >= 3 ? control : -1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static PairWalk CrossLaneWalk(int n, int target, int control) => PairWalk.CrossLane(n, target, control >= 3 ? control : -1);

    private static void InLaneComplex<TSwap>(double* re, double* im, int n, int control, in Matrix2 m)
        where TSwap : struct, IWideLaneSwap
    {
        var walk = InLaneWalk(n, control);
        var c = new InLaneCoefficients(m, TSwap.Target, control);
        Vector512<double> ar = c.Ar, ai = c.Ai, br = c.Br, bi = c.Bi;
        for (int k = 0; k < walk.Count; k += Lanes)
        {
            int i = walk.Index(k);
            var r = Vector512.Load(re + i);
            var x = Vector512.Load(im + i);
            var pr = TSwap.Swap(r);
            var px = TSwap.Swap(x);
            Vector512.Store(Fnma(ai, x, Fma(ar, r, Fnma(bi, px, br * pr))), re + i);
            Vector512.Store(Fma(ai, r, Fma(ar, x, Fma(bi, pr, br * px))), im + i);
        }
    }

    private static void InLaneReal<TSwap>(double* re, double* im, int n, int control, in Matrix2 m)
        where TSwap : struct, IWideLaneSwap
    {
        var walk = InLaneWalk(n, control);
        var c = new InLaneCoefficients(m, TSwap.Target, control);
        Vector512<double> ar = c.Ar, br = c.Br;
        for (int k = 0; k < walk.Count; k += Lanes)
        {
            int i = walk.Index(k);
            var r = Vector512.Load(re + i);
            var x = Vector512.Load(im + i);
            Vector512.Store(Fma(ar, r, br * TSwap.Swap(r)), re + i);
            Vector512.Store(Fma(ar, x, br * TSwap.Swap(x)), im + i);
        }
    }

    /// <summary>Target &gt;= 3 with a control 0, 1 or 2: whole-vector pairs, per-lane matrix (identity where the
    /// control bit is 0).</summary>
    private static void CrossLaneComplex(double* re, double* im, int n, int target, int control, in Matrix2 m)
    {
        var walk = CrossLaneWalk(n, target, control);
        var c = new CrossLaneCoefficients(m, control);
        Vector512<double> a0r = c.A0r, a0i = c.A0i, b0r = c.B0r, b0i = c.B0i, a1r = c.A1r, a1i = c.A1i, b1r = c.B1r, b1i = c.B1i;
        int stride = 1 << target;
        for (int k = 0; k < walk.Count; k += Lanes)
        {
            int i0 = walk.Index(k), i1 = i0 + stride;
            var r0 = Vector512.Load(re + i0);
            var x0 = Vector512.Load(im + i0);
            var r1 = Vector512.Load(re + i1);
            var x1 = Vector512.Load(im + i1);
            Vector512.Store(Fnma(a0i, x0, Fma(a0r, r0, Fnma(b0i, x1, b0r * r1))), re + i0);
            Vector512.Store(Fma(a0i, r0, Fma(a0r, x0, Fma(b0i, r1, b0r * x1))), im + i0);
            Vector512.Store(Fnma(a1i, x1, Fma(a1r, r1, Fnma(b1i, x0, b1r * r0))), re + i1);
            Vector512.Store(Fma(a1i, r1, Fma(a1r, x1, Fma(b1i, r0, b1r * x0))), im + i1);
        }
    }

    private static void CrossLaneReal(double* re, double* im, int n, int target, int control, in Matrix2 m)
    {
        var walk = CrossLaneWalk(n, target, control);
        var c = new CrossLaneCoefficients(m, control);
        Vector512<double> a0 = c.A0r, b0 = c.B0r, a1 = c.A1r, b1 = c.B1r;
        int stride = 1 << target;
        for (int k = 0; k < walk.Count; k += Lanes)
        {
            int i0 = walk.Index(k), i1 = i0 + stride;
            var r0 = Vector512.Load(re + i0);
            var x0 = Vector512.Load(im + i0);
            var r1 = Vector512.Load(re + i1);
            var x1 = Vector512.Load(im + i1);
            Vector512.Store(Fma(a0, r0, b0 * r1), re + i0);
            Vector512.Store(Fma(a0, x0, b0 * x1), im + i0);
            Vector512.Store(Fma(a1, r1, b1 * r0), re + i1);
            Vector512.Store(Fma(a1, x1, b1 * x0), im + i1);
        }
    }

    /// <summary>
    /// Lane k pairs with lane k' = partner: summing Re(f_k conj l_k') with sign +1 on member-1 lanes and -1 on
    /// member-0 lanes gives T = sum over pairs of Re(f1 conj l0) - Re(f0 conj l1).
    /// </summary>
    private static double InLaneRealGate<TSwap>(double* pr, double* pi, double* lr, double* li, int n, int control, in Matrix2 m)
        where TSwap : struct, IWideLaneSwap
    {
        var walk = InLaneWalk(n, control);
        var c = new InLaneCoefficients(m, TSwap.Target, control);
        Vector512<double> ar = c.Ar, br = c.Br, upperSign = c.UpperSign;
        var accT = Vector512<double>.Zero;
        for (int k = 0; k < walk.Count; k += Lanes)
        {
            int i = walk.Index(k);
            var fr = Vector512.Load(pr + i);
            var fi = Vector512.Load(pi + i);
            var lre = Vector512.Load(lr + i);
            var lim = Vector512.Load(li + i);
            var fpr = TSwap.Swap(fr);
            var fpi = TSwap.Swap(fi);
            var lpr = TSwap.Swap(lre);
            var lpi = TSwap.Swap(lim);
            accT += Fma(fr, lpr, fi * lpi);
            Vector512.Store(Fma(ar, fr, br * fpr), pr + i);
            Vector512.Store(Fma(ar, fi, br * fpi), pi + i);
            Vector512.Store(Fma(ar, lre, br * lpr), lr + i);
            Vector512.Store(Fma(ar, lim, br * lpi), li + i);
        }
        return Vector512.Sum(upperSign * accT);
    }

    private static double CrossLaneRealGate(double* pr, double* pi, double* lr, double* li, int n, int target, int control, in Matrix2 m)
    {
        var walk = CrossLaneWalk(n, target, control);
        var c = new CrossLaneCoefficients(m, control);
        Vector512<double> a0 = c.A0r, b0 = c.B0r, a1 = c.A1r, b1 = c.B1r, active = c.Active;
        var accT = Vector512<double>.Zero;
        int stride = 1 << target;
        for (int k = 0; k < walk.Count; k += Lanes)
        {
            int i0 = walk.Index(k), i1 = i0 + stride;
            var f0r = Vector512.Load(pr + i0);
            var f0i = Vector512.Load(pi + i0);
            var f1r = Vector512.Load(pr + i1);
            var f1i = Vector512.Load(pi + i1);
            var l0r = Vector512.Load(lr + i0);
            var l0i = Vector512.Load(li + i0);
            var l1r = Vector512.Load(lr + i1);
            var l1i = Vector512.Load(li + i1);
            accT += Fma(f1r, l0r, f1i * l0i) - Fma(f0r, l1r, f0i * l1i);
            Vector512.Store(Fma(a0, f0r, b0 * f1r), pr + i0);
            Vector512.Store(Fma(a0, f0i, b0 * f1i), pi + i0);
            Vector512.Store(Fma(a1, f1r, b1 * f0r), pr + i1);
            Vector512.Store(Fma(a1, f1i, b1 * f0i), pi + i1);
            Vector512.Store(Fma(a0, l0r, b0 * l1r), lr + i0);
            Vector512.Store(Fma(a0, l0i, b0 * l1i), li + i0);
            Vector512.Store(Fma(a1, l1r, b1 * l0r), lr + i1);
            Vector512.Store(Fma(a1, l1i, b1 * l0i), li + i1);
        }
        return Vector512.Sum(active * accT);
    }

    /// <summary>
    /// Lane-wise: e = Im(f conj l) gives D (signed +1 / -1 on member-0 / member-1 lanes), Im(f conj l') summed over
    /// all active lanes is S, and Re(f conj l') signed like <see cref="InLaneRealGate{TSwap}"/> is T (l' = partner).
    /// </summary>
    private static CrossTerm InLaneCrossTerm<TSwap>(double* pr, double* pi, double* lr, double* li, int n, int control)
        where TSwap : struct, IWideLaneSwap
    {
        var walk = InLaneWalk(n, control);
        // Built before the accumulators exist: they must not be live across a call (see PairWalk).
        var c = new InLaneCoefficients(Matrix2.Identity, TSwap.Target, control);
        Vector512<double> active = c.Active, upperSign = c.UpperSign;
        var accE = Vector512<double>.Zero;
        var accS = Vector512<double>.Zero;
        var accT = Vector512<double>.Zero;
        for (int k = 0; k < walk.Count; k += Lanes)
        {
            int i = walk.Index(k);
            var fr = Vector512.Load(pr + i);
            var fi = Vector512.Load(pi + i);
            var lre = Vector512.Load(lr + i);
            var lim = Vector512.Load(li + i);
            var lpr = TSwap.Swap(lre);
            var lpi = TSwap.Swap(lim);
            accE += Fnma(fr, lim, fi * lre);
            accS += Fnma(fr, lpi, fi * lpr);
            accT += Fma(fr, lpr, fi * lpi);
        }
        return new CrossTerm(Vector512.Sum(-upperSign * accE), Vector512.Sum(active * accS), Vector512.Sum(upperSign * accT));
    }

    private static CrossTerm CrossLaneCrossTerm(double* pr, double* pi, double* lr, double* li, int n, int target, int control)
    {
        var walk = CrossLaneWalk(n, target, control);
        var active = new CrossLaneCoefficients(Matrix2.Identity, control).Active;
        var accD = Vector512<double>.Zero;
        var accS = Vector512<double>.Zero;
        var accT = Vector512<double>.Zero;
        int stride = 1 << target;
        for (int k = 0; k < walk.Count; k += Lanes)
        {
            int i0 = walk.Index(k), i1 = i0 + stride;
            var f0r = Vector512.Load(pr + i0);
            var f0i = Vector512.Load(pi + i0);
            var f1r = Vector512.Load(pr + i1);
            var f1i = Vector512.Load(pi + i1);
            var l0r = Vector512.Load(lr + i0);
            var l0i = Vector512.Load(li + i0);
            var l1r = Vector512.Load(lr + i1);
            var l1i = Vector512.Load(li + i1);
            accD += Fma(f0i, l0r, f1r * l1i) - Fma(f0r, l0i, f1i * l1r);
            accS += Fma(f0i, l1r, f1i * l0r) - Fma(f0r, l1i, f1r * l0i);
            accT += Fma(f1r, l0r, f1i * l0i) - Fma(f0r, l1r, f0i * l1i);
        }
        return new CrossTerm(Vector512.Sum(active * accD), Vector512.Sum(active * accS), Vector512.Sum(active * accT));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Fma(Vector512<double> a, Vector512<double> b, Vector512<double> c) =>
        Vector512.MultiplyAddEstimate(a, b, c);

    /// <summary>c - a b in one instruction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Fnma(Vector512<double> a, Vector512<double> b, Vector512<double> c) =>
        Avx512F.IsSupported ? Avx512F.FusedMultiplyAddNegated(a, b, c) : c - a * b;

    /// <summary>
    /// Per-lane coefficients for a target 0, 1 or 2: A = M00 / M11 and B = M01 / M10 on lanes whose target bit is
    /// 0 / 1; identity (A = 1, B = 0) where a low control bit is 0. <see cref="Active"/> is 1 on lanes the gate acts
    /// on, <see cref="UpperSign"/> is +1 / -1 on active member-1 / member-0 lanes (0 elsewhere).
    /// </summary>
    private readonly struct InLaneCoefficients
    {
        public readonly Vector512<double> Ar, Ai, Br, Bi, Active, UpperSign;

        public InLaneCoefficients(in Matrix2 m, int target, int control)
        {
            double* buf = stackalloc double[6 * Lanes];
            for (int lane = 0; lane < Lanes; lane++)
            {
                bool active = IsActive(lane, control);
                bool upper = ((lane >> target) & 1) == 1;
                var u = active ? m : Matrix2.Identity;
                var a = upper ? u.M11 : u.M00;
                var b = upper ? u.M10 : u.M01;
                buf[lane] = a.Real;
                buf[Lanes + lane] = a.Imaginary;
                buf[2 * Lanes + lane] = b.Real;
                buf[3 * Lanes + lane] = b.Imaginary;
                buf[4 * Lanes + lane] = active ? 1 : 0;
                buf[5 * Lanes + lane] = active ? (upper ? 1 : -1) : 0;
            }
            Ar = Vector512.Load(buf);
            Ai = Vector512.Load(buf + Lanes);
            Br = Vector512.Load(buf + 2 * Lanes);
            Bi = Vector512.Load(buf + 3 * Lanes);
            Active = Vector512.Load(buf + 4 * Lanes);
            UpperSign = Vector512.Load(buf + 5 * Lanes);
        }
    }

    /// <summary>
    /// Per-lane coefficients for a target &gt;= 3 under a control 0, 1 or 2: new0 = A0 v0 + B0 v1 and
    /// new1 = A1 v1 + B1 v0 with (A0, B0, A1, B1) = (M00, M01, M11, M10) on active lanes and (1, 0, 1, 0) elsewhere.
    /// </summary>
    private readonly struct CrossLaneCoefficients
    {
        public readonly Vector512<double> A0r, A0i, B0r, B0i, A1r, A1i, B1r, B1i, Active;

        public CrossLaneCoefficients(in Matrix2 m, int control)
        {
            double* buf = stackalloc double[9 * Lanes];
            for (int lane = 0; lane < Lanes; lane++)
            {
                bool active = IsActive(lane, control);
                var u = active ? m : Matrix2.Identity;
                buf[lane] = u.M00.Real;
                buf[Lanes + lane] = u.M00.Imaginary;
                buf[2 * Lanes + lane] = u.M01.Real;
                buf[3 * Lanes + lane] = u.M01.Imaginary;
                buf[4 * Lanes + lane] = u.M11.Real;
                buf[5 * Lanes + lane] = u.M11.Imaginary;
                buf[6 * Lanes + lane] = u.M10.Real;
                buf[7 * Lanes + lane] = u.M10.Imaginary;
                buf[8 * Lanes + lane] = active ? 1 : 0;
            }
            A0r = Vector512.Load(buf);
            A0i = Vector512.Load(buf + Lanes);
            B0r = Vector512.Load(buf + 2 * Lanes);
            B0i = Vector512.Load(buf + 3 * Lanes);
            A1r = Vector512.Load(buf + 4 * Lanes);
            A1i = Vector512.Load(buf + 5 * Lanes);
            B1r = Vector512.Load(buf + 6 * Lanes);
            B1i = Vector512.Load(buf + 7 * Lanes);
            Active = Vector512.Load(buf + 8 * Lanes);
        }
    }

    /// <summary>A lane is acted on unless a control inside the vector (0, 1 or 2) has its bit 0 there; a control
    /// &gt;= 3 is handled by the walk.</summary>
    private static bool IsActive(int lane, int control) => control is < 0 or >= 3 || ((lane >> control) & 1) == 1;
}

/// <summary>
/// Exchanges the two amplitudes of every pair inside one 8-lane vector (target qubit 0, 1 or 2); generic struct
/// parameters give one specialised loop per target with a constant permutation.
/// </summary>
internal interface IWideLaneSwap
{
    static abstract int Target { get; }

    static abstract Vector512<double> Swap(Vector512<double> v);
}

internal readonly struct WideSwap0 : IWideLaneSwap
{
    public static int Target => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Swap(Vector512<double> v) => Vector512.Shuffle(v, Vector512.Create(1L, 0L, 3L, 2L, 5L, 4L, 7L, 6L));
}

internal readonly struct WideSwap1 : IWideLaneSwap
{
    public static int Target => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Swap(Vector512<double> v) => Vector512.Shuffle(v, Vector512.Create(2L, 3L, 0L, 1L, 6L, 7L, 4L, 5L));
}

internal readonly struct WideSwap2 : IWideLaneSwap
{
    public static int Target => 2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Swap(Vector512<double> v) => Vector512.Shuffle(v, Vector512.Create(4L, 5L, 6L, 7L, 0L, 1L, 2L, 3L));
}
