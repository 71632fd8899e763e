using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using QGan.MLNet.Quantum.Gates;

namespace QGan.MLNet.Quantum.Kernels;

/// <summary>
/// Single-precision kernels for <see cref="Style.SimulationPrecision.Single"/>: 16 float lanes per AVX-512 vector, so
/// lane bits are qubits 0-3. Targets &gt;= 4 pair whole vectors; targets 0-3 pair each lane with its partner through
/// one lane permutation, with per-lane coefficients (the lane's row of the matrix, or the identity where an in-lane
/// control bit is 0). Matrices arrive in double and are rounded once; sums over the state (expectations, cross terms)
/// are taken in float lanes and added up in double. Without AVX-512, or below 4 qubits, the scalar loops run (they
/// are also the tests' reference).
/// </summary>
/// <remarks>
/// Why a separate set rather than generic double/float kernels: the double kernels' lane logic is specific to 8 lanes
/// (3 lane qubits, two-qubit cross-term passes, register-blocked pair walks), and they are the default path whose
/// results must stay bit-identical. These kernels keep one simple structure for every placement instead.
/// </remarks>
internal readonly unsafe partial struct SingleStateKernels : IStateKernels<float>
{
    /// <summary>Floats per vector.</summary>
    public const int Lanes = 16;

    /// <summary>Qubits addressed inside one vector.</summary>
    public const int LaneQubits = 4;

    /// <summary>True when the 16-lane kernels serve an n-qubit state on this hardware.</summary>
    public static bool Vectorized(int n) => GateKernels.Wide && n >= LaneQubits;

    public static void ApplyMatrix(float* re, float* im, int n, int target, int control, in Matrix2 m)
    {
        if (!Vectorized(n))
        {
            GateKernels.ScalarMatrix(re, im, n, target, control, m);
            return;
        }
        int dim = 1 << n;
        int highControl = control >= LaneQubits ? 1 << control : 0;
        if (target >= LaneQubits)
        {
            var k = CrossLaneCoefficients.Of(m, control);
            var (a, b, c, d) = (k.A00, k.A01, k.A10, k.A11);
            int stride = 1 << target;
            for (int v = 0; v < dim / 2; v += Lanes)
            {
                int i = PairStart(v, stride);
                if ((i & highControl) != highControl)
                {
                    continue;
                }
                int j = i + stride;
                var xr = Vector512.Load(re + i);
                var xi = Vector512.Load(im + i);
                var yr = Vector512.Load(re + j);
                var yi = Vector512.Load(im + j);
                Vector512.Store(Combine.Re(a, b, xr, xi, yr, yi), re + i);
                Vector512.Store(Combine.Im(a, b, xr, xi, yr, yi), im + i);
                Vector512.Store(Combine.Re(c, d, xr, xi, yr, yi), re + j);
                Vector512.Store(Combine.Im(c, d, xr, xi, yr, yi), im + j);
            }
            return;
        }
        var (self, partner) = InLaneCoefficients(m, target, control);
        var swap = PartnerIndices(target);
        for (int i = 0; i < dim; i += Lanes)
        {
            if ((i & highControl) != highControl)
            {
                continue;
            }
            var xr = Vector512.Load(re + i);
            var xi = Vector512.Load(im + i);
            var yr = Swap(xr, swap);
            var yi = Swap(xi, swap);
            Vector512.Store(Combine.Re(self, partner, xr, xi, yr, yi), re + i);
            Vector512.Store(Combine.Im(self, partner, xr, xi, yr, yi), im + i);
        }
    }

    /// <summary>The real matrix [[a, b], [c, d]]: the same walk as <see cref="ApplyMatrix"/> with half the products.</summary>
    public static void ApplyReal(float* re, float* im, int n, int target, int control, double a, double b, double c, double d)
    {
        if (!Vectorized(n))
        {
            GateKernels.ScalarMatrix(re, im, n, target, control, new Matrix2(a, b, c, d));
            return;
        }
        var k = RealCoefficients.Of(a, b, c, d, target, control);
        int dim = 1 << n;
        int highControl = control >= LaneQubits ? 1 << control : 0;
        if (target >= LaneQubits)
        {
            int stride = 1 << target;
            for (int v = 0; v < dim / 2; v += Lanes)
            {
                int i = PairStart(v, stride);
                if ((i & highControl) == highControl)
                {
                    k.ApplyCrossLane(re + i, re + i + stride);
                    k.ApplyCrossLane(im + i, im + i + stride);
                }
            }
            return;
        }
        var swap = PartnerIndices(target);
        for (int i = 0; i < dim; i += Lanes)
        {
            if ((i & highControl) == highControl)
            {
                k.ApplyInLane(re + i, swap);
                k.ApplyInLane(im + i, swap);
            }
        }
    }

    public static void AllZ(float* re, float* im, int n, float* scratch, Span<double> z)
    {
        if (!Vectorized(n))
        {
            ExpectationKernels.ScalarAllZ(re, im, n, z);
            return;
        }
        int dim = 1 << n;
        Span<double> ones = stackalloc double[n]; // P(qubit q = 1) for q >= LaneQubits
        ones.Clear();
        var lowLanes = Vector512<double>.Zero;
        var highLanes = Vector512<double>.Zero;
        for (int i = 0; i < dim; i += Lanes)
        {
            var r = Vector512.Load(re + i);
            var x = Vector512.Load(im + i);
            var p = r * r + x * x;
            var (lo, hi) = Vector512.Widen(p);
            lowLanes += lo;
            highLanes += hi;
            double sum = Vector512.Sum(lo + hi);
            for (int q = LaneQubits; q < n; q++)
            {
                if ((i >> q & 1) != 0)
                {
                    ones[q] += sum;
                }
            }
        }
        double total = Vector512.Sum(lowLanes + highLanes);
        for (int q = 0; q < LaneQubits; q++)
        {
            double one = 0;
            for (int lane = 0; lane < Lanes; lane++)
            {
                if ((lane >> q & 1) != 0)
                {
                    one += lane < 8 ? lowLanes.GetElement(lane) : highLanes.GetElement(lane - 8);
                }
            }
            ones[q] = one;
        }
        for (int q = 0; q < n; q++)
        {
            z[q] = total - 2 * ones[q];
        }
    }

    public static double X(float* re, float* im, int n, int q) => PairSum(re, im, n, q, imaginaryPart: false);

    public static double Y(float* re, float* im, int n, int q) => PairSum(re, im, n, q, imaginaryPart: true);

    public static void Seed(float* pr, float* pi, float* lr, float* li, int n,
        ReadOnlySpan<double> gz, ReadOnlySpan<double> gx, ReadOnlySpan<double> gy, float* scratch)
    {
        if (!Vectorized(n))
        {
            ScalarSeed(pr, pi, lr, li, n, gz, gx, gy);
            return;
        }
        int dim = 1 << n;
        // Diagonal of sum gz Z: sum_q gz[q] (1 - 2 bit_q); the lane bits' part is one vector, the rest a scalar per vector.
        double all = 0;
        for (int q = 0; q < n; q++)
        {
            all += gz[q];
        }
        Span<float> lane = stackalloc float[Lanes];
        for (int l = 0; l < Lanes; l++)
        {
            double d = 0;
            for (int q = 0; q < LaneQubits; q++)
            {
                d -= (l >> q & 1) * 2 * gz[q];
            }
            lane[l] = (float)d;
        }
        var laneDiagonal = Vector512.Create<float>(lane);
        for (int i = 0; i < dim; i += Lanes)
        {
            double high = all;
            for (int q = LaneQubits; q < n; q++)
            {
                high -= (i >> q & 1) * 2 * gz[q];
            }
            var d = laneDiagonal + Vector512.Create((float)high);
            Vector512.Store(d * Vector512.Load(pr + i), lr + i);
            Vector512.Store(d * Vector512.Load(pi + i), li + i);
        }
        // lambda += (gx X_q + gy Y_q) phi: the partner amplitude times gx + i s gy, s = -1 where bit q is 0, +1 where 1.
        for (int q = 0; q < n; q++)
        {
            if (gx[q] == 0 && gy[q] == 0)
            {
                continue;
            }
            var vx = Vector512.Create((float)gx[q]);
            if (q >= LaneQubits)
            {
                int stride = 1 << q;
                for (int i = 0; i < dim; i += Lanes)
                {
                    int j = i ^ stride;
                    var sy = Vector512.Create((float)((i & stride) != 0 ? gy[q] : -gy[q]));
                    var ar = Vector512.Load(pr + j);
                    var ai = Vector512.Load(pi + j);
                    Vector512.Store(Vector512.Load(lr + i) + vx * ar - sy * ai, lr + i);
                    Vector512.Store(Vector512.Load(li + i) + vx * ai + sy * ar, li + i);
                }
            }
            else
            {
                var swap = PartnerIndices(q);
                var sy = Vector512.ConditionalSelect(LaneBitMask(q), Vector512.Create((float)gy[q]), Vector512.Create((float)-gy[q]));
                for (int i = 0; i < dim; i += Lanes)
                {
                    var ar = Swap(Vector512.Load(pr + i), swap);
                    var ai = Swap(Vector512.Load(pi + i), swap);
                    Vector512.Store(Vector512.Load(lr + i) + vx * ar - sy * ai, lr + i);
                    Vector512.Store(Vector512.Load(li + i) + vx * ai + sy * ar, li + i);
                }
            }
        }
    }

    public static double RealGate(float* pr, float* pi, float* lr, float* li, int n, int target, int control,
        double a, double b, double c, double d)
    {
        if (!Vectorized(n))
        {
            return AdjointKernels.ScalarRealGate(pr, pi, lr, li, n, target, control, a, b, c, d);
        }
        // One pass: the pair's T term from the amplitudes as loaded, then the gate on phi and lambda.
        var k = RealCoefficients.Of(a, b, c, d, target, control);
        int dim = 1 << n;
        int highControl = control >= LaneQubits ? 1 << control : 0;
        var acc = Vector512<float>.Zero;
        var counted = control is >= 0 and < LaneQubits ? LaneBitMask(control) : Vector512<float>.AllBitsSet;
        if (target >= LaneQubits)
        {
            int stride = 1 << target;
            for (int v = 0; v < dim / 2; v += Lanes)
            {
                int i = PairStart(v, stride);
                if ((i & highControl) != highControl)
                {
                    continue;
                }
                int j = i + stride;
                acc += TermT(Vector512.Load(pr + i), Vector512.Load(pi + i), Vector512.Load(lr + i), Vector512.Load(li + i),
                    Vector512.Load(pr + j), Vector512.Load(pi + j), Vector512.Load(lr + j), Vector512.Load(li + j));
                k.ApplyCrossLane(pr + i, pr + j);
                k.ApplyCrossLane(pi + i, pi + j);
                k.ApplyCrossLane(lr + i, lr + j);
                k.ApplyCrossLane(li + i, li + j);
            }
        }
        else
        {
            counted &= ~LaneBitMask(target);
            var swap = PartnerIndices(target);
            for (int i = 0; i < dim; i += Lanes)
            {
                if ((i & highControl) != highControl)
                {
                    continue;
                }
                var fr = Vector512.Load(pr + i);
                var fi = Vector512.Load(pi + i);
                var lre = Vector512.Load(lr + i);
                var lim = Vector512.Load(li + i);
                // Bit-0 lanes: pair member 0 is the lane's own amplitude, member 1 its partner's.
                acc += TermT(fr, fi, lre, lim, Swap(fr, swap), Swap(fi, swap), Swap(lre, swap), Swap(lim, swap));
                k.ApplyInLane(pr + i, swap);
                k.ApplyInLane(pi + i, swap);
                k.ApplyInLane(lr + i, swap);
                k.ApplyInLane(li + i, swap);
            }
        }
        return SumLanes(acc & counted);
    }

    public static CrossTerm CrossTermOf(float* pr, float* pi, float* lr, float* li, int n, int target) =>
        CrossTermOf(pr, pi, lr, li, n, target, -1);

    /// <summary>The cross term over the pairs whose <paramref name="control"/> bit (if &gt;= 0) is 1.</summary>
    public static CrossTerm CrossTermOf(float* pr, float* pi, float* lr, float* li, int n, int target, int control)
    {
        if (!Vectorized(n))
        {
            return AdjointKernels.ScalarCrossTerm(pr, pi, lr, li, n, target, control);
        }
        int dim = 1 << n;
        int highControl = control >= LaneQubits ? 1 << control : 0;
        var accD = Vector512<float>.Zero;
        var accS = Vector512<float>.Zero;
        var accT = Vector512<float>.Zero;
        // Lanes that count: those whose control bit is 1 (in-lane control) and, for in-lane targets, those that
        // hold the pair's bit-0 amplitude (the others see the same pair the other way round).
        var counted = control is >= 0 and < LaneQubits ? LaneBitMask(control) : Vector512<float>.AllBitsSet;
        if (target >= LaneQubits)
        {
            int stride = 1 << target;
            for (int v = 0; v < dim / 2; v += Lanes)
            {
                int i = PairStart(v, stride);
                if ((i & highControl) != highControl)
                {
                    continue;
                }
                Accumulate(pr + i, pi + i, lr + i, li + i,
                    Vector512.Load(pr + i + stride), Vector512.Load(pi + i + stride),
                    Vector512.Load(lr + i + stride), Vector512.Load(li + i + stride), ref accD, ref accS, ref accT);
            }
        }
        else
        {
            counted &= ~LaneBitMask(target);
            var swap = PartnerIndices(target);
            for (int i = 0; i < dim; i += Lanes)
            {
                if ((i & highControl) != highControl)
                {
                    continue;
                }
                Accumulate(pr + i, pi + i, lr + i, li + i,
                    Swap(Vector512.Load(pr + i), swap), Swap(Vector512.Load(pi + i), swap),
                    Swap(Vector512.Load(lr + i), swap), Swap(Vector512.Load(li + i), swap),
                    ref accD, ref accS, ref accT);
            }
        }
        return new CrossTerm(SumLanes(accD & counted), SumLanes(accS & counted), SumLanes(accT & counted));
    }

    /// <summary>The single-precision kernels have no two-qubit pass: every cross term is its own pass.</summary>
    public static bool SupportsPair(int a, int b) => false;

    public static (CrossTerm A, CrossTerm B) CrossTerms(float* pr, float* pi, float* lr, float* li, int n, int a, int b) =>
        (CrossTermOf(pr, pi, lr, li, n, a), CrossTermOf(pr, pi, lr, li, n, b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(float* f0r, float* f0i, float* l0r, float* l0i,
        Vector512<float> f1r, Vector512<float> f1i, Vector512<float> l1r, Vector512<float> l1i,
        ref Vector512<float> accD, ref Vector512<float> accS, ref Vector512<float> accT)
    {
        var ar = Vector512.Load(f0r);
        var ai = Vector512.Load(f0i);
        var br = Vector512.Load(l0r);
        var bi = Vector512.Load(l0i);
        accD += ai * br - ar * bi - f1i * l1r + f1r * l1i;
        accS += ai * l1r - ar * l1i + f1i * br - f1r * bi;
        accT += TermT(ar, ai, br, bi, f1r, f1i, l1r, l1i);
    }

    /// <summary>The pair's term of <see cref="CrossTerm.T"/>: Re(M10 - M01) = f1r l0r + f1i l0i - f0r l1r - f0i l1i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TermT(Vector512<float> f0r, Vector512<float> f0i, Vector512<float> l0r, Vector512<float> l0i,
        Vector512<float> f1r, Vector512<float> f1i, Vector512<float> l1r, Vector512<float> l1i) =>
        f1r * l0r + f1i * l0i - f0r * l1r - f0i * l1i;

    private static double PairSum(float* re, float* im, int n, int q, bool imaginaryPart)
    {
        if (!Vectorized(n))
        {
            return ExpectationKernels.ScalarPairSum(re, im, n, q, imaginaryPart);
        }
        int dim = 1 << n;
        var acc = Vector512<float>.Zero;
        if (q >= LaneQubits)
        {
            int stride = 1 << q;
            for (int v = 0; v < dim / 2; v += Lanes)
            {
                int i = PairStart(v, stride);
                var r0 = Vector512.Load(re + i);
                var x0 = Vector512.Load(im + i);
                var r1 = Vector512.Load(re + i + stride);
                var x1 = Vector512.Load(im + i + stride);
                acc += imaginaryPart ? r0 * x1 - x0 * r1 : r0 * r1 + x0 * x1;
            }
            return 2 * SumLanes(acc);
        }
        // Every pair is seen from both lanes: the real part is symmetric, the imaginary part changes sign.
        var swap = PartnerIndices(q);
        for (int i = 0; i < dim; i += Lanes)
        {
            var r = Vector512.Load(re + i);
            var x = Vector512.Load(im + i);
            var rp = Swap(r, swap);
            var xp = Swap(x, swap);
            acc += imaginaryPart ? r * xp - x * rp : r * rp + x * xp;
        }
        if (imaginaryPart)
        {
            acc = Vector512.ConditionalSelect(LaneBitMask(q), -acc, acc);
        }
        return SumLanes(acc);
    }
}
