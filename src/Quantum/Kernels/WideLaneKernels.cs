using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using QGan.MLNet.Quantum.Gates;
using static QGan.MLNet.Quantum.Kernels.GateKernels;

namespace QGan.MLNet.Quantum.Kernels;

/// <summary>
/// The 8-lane (AVX-512) kernels, for every placement. A target &gt;= 3 pairs two whole vectors; a target 0, 1 or 2
/// has its pair partner in the same 512-bit vector (one permute per vector); a control &gt;= 3 selects whole vectors
/// and a control 0, 1 or 2 is a lane mask. Every lane is updated as new = A (.) v + B (.) partner(v) with per-lane
/// coefficients (identity on lanes whose control bit is 0), and gradient sums are taken lane-wise and signed once
/// at the end. Before these, the low qubits ran on 4-lane kernels that treated every lane as a full pair, at two to
/// four times the cost of the other qubits.
/// </summary>
internal static unsafe class WideLaneKernels
{
    private const int Lanes = 8;

    /// <summary>True when the 8-lane kernels can run (AVX-512 on, and at least one whole vector of amplitudes).</summary>
    public static bool Applies(int n) => GateKernels.Wide && n >= 3;

    /// <summary>Applies a complex 2x2 matrix.</summary>
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

    /// <summary>Target &gt;= 3: whole-vector pairs, per-lane matrix (identity where a low control bit is 0).</summary>
    private static void CrossLaneComplex(double* re, double* im, int n, int target, int control, in Matrix2 m)
    {
        var walk = CrossLaneWalk(n, target, control);
        var c = new CrossLaneCoefficients(m, control);
        Vector512<double> a0r = c.A0r, b0r = c.B0r, a1r = c.A1r, b1r = c.B1r;
        Vector512<double> a0i = c.A0i, b0i = c.B0i, a1i = c.A1i, b1i = c.B1i;
        Vector512<double> na0i = -a0i, nb0i = -b0i, na1i = -a1i, nb1i = -b1i;
        int stride = 1 << target;
        for (int k = 0; k < walk.Count; k += Lanes)
        {
            int i0 = walk.Index(k), i1 = i0 + stride;
            var r0 = Vector512.Load(re + i0);
            var x0 = Vector512.Load(im + i0);
            var r1 = Vector512.Load(re + i1);
            var x1 = Vector512.Load(im + i1);
            Vector512.Store(Fma(a0r, r0, Fma(na0i, x0, Fma(b0r, r1, nb0i * x1))), re + i0);
            Vector512.Store(Fma(a0r, x0, Fma(a0i, r0, Fma(b0r, x1, b0i * r1))), im + i0);
            Vector512.Store(Fma(b1r, r0, Fma(nb1i, x0, Fma(a1r, r1, na1i * x1))), re + i1);
            Vector512.Store(Fma(b1r, x0, Fma(b1i, r0, Fma(a1r, x1, a1i * r1))), im + i1);
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
            Vector512.Store(Fma(b1, r0, a1 * r1), re + i1);
            Vector512.Store(Fma(b1, x0, a1 * x1), im + i1);
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
            Vector512.Store(Fma(b1, f0r, a1 * f1r), pr + i1);
            Vector512.Store(Fma(b1, f0i, a1 * f1i), pi + i1);
            Vector512.Store(Fma(a0, l0r, b0 * l1r), lr + i0);
            Vector512.Store(Fma(a0, l0i, b0 * l1i), li + i0);
            Vector512.Store(Fma(b1, l0r, a1 * l1r), lr + i1);
            Vector512.Store(Fma(b1, l0i, a1 * l1i), li + i1);
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
    private struct CrossLaneCoefficients
    {
        public Vector512<double> A0r, A0i, B0r, B0i, A1r, A1i, B1r, B1i, Active;

        // Inlined with the broadcast path (most calls: no control, or one above the vector) so the hot kernels pay
        // no call; the per-lane table for a low control is built out of line.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public CrossLaneCoefficients(in Matrix2 m, int control)
        {
            if (control is < 0 or >= 3)
            {
                (A0r, A0i, B0r, B0i) = (Vector512.Create(m.M00.Real), Vector512.Create(m.M00.Imaginary), Vector512.Create(m.M01.Real), Vector512.Create(m.M01.Imaginary));
                (A1r, A1i, B1r, B1i) = (Vector512.Create(m.M11.Real), Vector512.Create(m.M11.Imaginary), Vector512.Create(m.M10.Real), Vector512.Create(m.M10.Imaginary));
                Active = Vector512<double>.One;
            }
            else
            {
                this = Masked(m, control);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static CrossLaneCoefficients Masked(in Matrix2 m, int control)
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
            var c = default(CrossLaneCoefficients);
            c.A0r = Vector512.Load(buf);
            c.A0i = Vector512.Load(buf + Lanes);
            c.B0r = Vector512.Load(buf + 2 * Lanes);
            c.B0i = Vector512.Load(buf + 3 * Lanes);
            c.A1r = Vector512.Load(buf + 4 * Lanes);
            c.A1i = Vector512.Load(buf + 5 * Lanes);
            c.B1r = Vector512.Load(buf + 6 * Lanes);
            c.B1i = Vector512.Load(buf + 7 * Lanes);
            c.Active = Vector512.Load(buf + 8 * Lanes);
            return c;
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
