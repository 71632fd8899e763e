using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using QGan.MLNet.Quantum.Gates;

namespace QGan.MLNet.Quantum.Kernels;

/// <summary>Lane helpers of <see cref="SingleStateKernels"/>: pair indexing, partner permutations, lane masks and the
/// per-lane matrix coefficients.</summary>
internal readonly unsafe partial struct SingleStateKernels
{
    /// <summary>Index of the bit-0 vector of the <paramref name="v"/>/16-th vector pair across a whole-vector qubit
    /// (one flat loop instead of blocks of short inner loops, which cost 30 % at strides of 1-8 vectors).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PairStart(int v, int stride) => ((v & -stride) << 1) | (v & (stride - 1));

    /// <summary>Each lane's partner value: one vpermps (Vector512.Shuffle adds a range check on variable indices).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Swap(Vector512<float> x, Vector512<int> partner) =>
        Avx512F.IsSupported ? Avx512F.PermuteVar16x32(x, partner) : Vector512.Shuffle(x, partner);

    private static double SumLanes(Vector512<float> v)
    {
        var (lo, hi) = Vector512.Widen(v);
        return Vector512.Sum(lo + hi);
    }

    /// <summary>All bits set in the lanes whose bit <paramref name="q"/> (&lt; 4) is 1.</summary>
    private static Vector512<float> LaneBitMask(int q) =>
        Vector512.Equals(Vector512<int>.Indices >> q & Vector512<int>.One, Vector512<int>.One).AsSingle();

    /// <summary>Lane index of each lane's partner across qubit <paramref name="q"/> (&lt; 4).</summary>
    private static Vector512<int> PartnerIndices(int q) => Vector512<int>.Indices ^ Vector512.Create(1 << q);

    /// <summary>Per lane: the coefficient of the lane's own amplitude and of its partner's (the lane's row of the
    /// matrix), or 1 and 0 where an in-lane control bit is 0.</summary>
    private static (Coefficient Self, Coefficient Partner) InLaneCoefficients(in Matrix2 m, int target, int control)
    {
        var upper = LaneBitMask(target);
        var self = Coefficient.Select(upper, Coefficient.Broadcast(m.M11), Coefficient.Broadcast(m.M00));
        var partner = Coefficient.Select(upper, Coefficient.Broadcast(m.M10), Coefficient.Broadcast(m.M01));
        if (control is >= 0 and < LaneQubits)
        {
            var on = LaneBitMask(control);
            self = Coefficient.Select(on, self, Coefficient.Broadcast(1));
            partner = Coefficient.Select(on, partner, Coefficient.Broadcast(0));
        }
        return (self, partner);
    }

    /// <summary>The four matrix entries as lane vectors for a whole-vector target (identity where an in-lane
    /// control bit is 0).</summary>
    private readonly record struct CrossLaneCoefficients(Coefficient A00, Coefficient A01, Coefficient A10, Coefficient A11)
    {
        public static CrossLaneCoefficients Of(in Matrix2 m, int control)
        {
            var k = new CrossLaneCoefficients(Coefficient.Broadcast(m.M00), Coefficient.Broadcast(m.M01),
                Coefficient.Broadcast(m.M10), Coefficient.Broadcast(m.M11));
            if (control is < 0 or >= LaneQubits)
            {
                return k;
            }
            var on = LaneBitMask(control);
            var one = Coefficient.Broadcast(1);
            var zero = Coefficient.Broadcast(0);
            return new CrossLaneCoefficients(Coefficient.Select(on, k.A00, one), Coefficient.Select(on, k.A01, zero),
                Coefficient.Select(on, k.A10, zero), Coefficient.Select(on, k.A11, one));
        }
    }

    /// <summary>A complex coefficient per lane, with its imaginary part also negated so that every product in
    /// <see cref="Combine"/> is one fused multiply-add.</summary>
    private readonly record struct Coefficient(Vector512<float> Re, Vector512<float> Im, Vector512<float> NegIm)
    {
        public static Coefficient Broadcast(System.Numerics.Complex c) =>
            new(Vector512.Create((float)c.Real), Vector512.Create((float)c.Imaginary), Vector512.Create((float)-c.Imaginary));

        public static Coefficient Select(Vector512<float> mask, Coefficient whereSet, Coefficient otherwise) => new(
            Vector512.ConditionalSelect(mask, whereSet.Re, otherwise.Re),
            Vector512.ConditionalSelect(mask, whereSet.Im, otherwise.Im),
            Vector512.ConditionalSelect(mask, whereSet.NegIm, otherwise.NegIm));
    }

    /// <summary>a x + b y for complex lane vectors, as one multiply and three fused multiply-adds per part.</summary>
    private static class Combine
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Re(in Coefficient a, in Coefficient b, Vector512<float> xr, Vector512<float> xi,
            Vector512<float> yr, Vector512<float> yi) =>
            Vector512.FusedMultiplyAdd(a.Re, xr, Vector512.FusedMultiplyAdd(a.NegIm, xi,
                Vector512.FusedMultiplyAdd(b.Re, yr, b.NegIm * yi)));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Im(in Coefficient a, in Coefficient b, Vector512<float> xr, Vector512<float> xi,
            Vector512<float> yr, Vector512<float> yi) =>
            Vector512.FusedMultiplyAdd(a.Re, xi, Vector512.FusedMultiplyAdd(a.Im, xr,
                Vector512.FusedMultiplyAdd(b.Re, yi, b.Im * yr)));
    }

    /// <summary>
    /// A real 2x2 matrix as lane vectors: for whole-vector targets the four entries (identity where an in-lane control
    /// bit is 0); for lane targets each lane's coefficient of its own and of its partner's value.
    /// </summary>
    private readonly struct RealCoefficients
    {
        private readonly Vector512<float> _a00, _a01, _a10, _a11;

        private RealCoefficients(Vector512<float> a00, Vector512<float> a01, Vector512<float> a10, Vector512<float> a11) =>
            (_a00, _a01, _a10, _a11) = (a00, a01, a10, a11);

        public static RealCoefficients Of(double a, double b, double c, double d, int target, int control)
        {
            Vector512<float> a00 = Vector512.Create((float)a), a01 = Vector512.Create((float)b);
            Vector512<float> a10 = Vector512.Create((float)c), a11 = Vector512.Create((float)d);
            if (target < LaneQubits)
            {
                // Stored as (self, partner): a lane with bit 1 takes row 1 of the matrix.
                var upper = LaneBitMask(target);
                (a00, a01) = (Vector512.ConditionalSelect(upper, a11, a00), Vector512.ConditionalSelect(upper, a10, a01));
            }
            if (control is >= 0 and < LaneQubits)
            {
                var on = LaneBitMask(control);
                a00 = Vector512.ConditionalSelect(on, a00, Vector512<float>.One);
                a01 = Vector512.ConditionalSelect(on, a01, Vector512<float>.Zero);
                a10 = Vector512.ConditionalSelect(on, a10, Vector512<float>.Zero);
                a11 = Vector512.ConditionalSelect(on, a11, Vector512<float>.One);
            }
            return new RealCoefficients(a00, a01, a10, a11);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void ApplyCrossLane(float* p0, float* p1)
        {
            var x = Vector512.Load(p0);
            var y = Vector512.Load(p1);
            Vector512.Store(Vector512.FusedMultiplyAdd(_a00, x, _a01 * y), p0);
            Vector512.Store(Vector512.FusedMultiplyAdd(_a10, x, _a11 * y), p1);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void ApplyInLane(float* p, Vector512<int> swap)
        {
            var x = Vector512.Load(p);
            Vector512.Store(Vector512.FusedMultiplyAdd(_a00, x, _a01 * Swap(x, swap)), p);
        }
    }
}
