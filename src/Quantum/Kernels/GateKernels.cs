using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using QGan.MLNet.Quantum.Gates;

namespace QGan.MLNet.Quantum.Kernels;

/// <summary>
/// Gate application on a state stored as split real / imaginary arrays of length 2^n (qubit q = bit q of the index).
/// Every kernel takes an optional control qubit (-1 for none) and only touches the pairs whose control bit is 1.
/// Target qubits &gt;= 2 pair two whole vectors; targets 0 and 1 pair lanes inside one vector (see
/// <see cref="InLaneMatrix"/>). Callers guarantee valid, distinct qubit indices: nothing is checked here.
/// </summary>
internal static unsafe class GateKernels
{
    /// <summary>Vector kernels need one full 4-lane vector, i.e. at least 2 qubits.</summary>
    public const int MinSimdQubits = 2;

    /// <summary>Use the Vector256 kernels; the scalar reference loops remain for hardware without vector support (and as test oracles).</summary>
    public static readonly bool SimdEnabled = Vector256.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> Fma(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Vector256.MultiplyAddEstimate(a, b, c);

    /// <summary>Applies a general complex 2x2 matrix to <paramref name="target"/>.</summary>
    public static void ApplyMatrix(double* re, double* im, int n, int target, int control, in Matrix2 m)
    {
        if (!SimdEnabled || n < MinSimdQubits)
        {
            ScalarMatrix(re, im, n, target, control, m);
        }
        else if (WideLaneKernels.Applies(n))
        {
            WideLaneKernels.ApplyMatrix(re, im, n, target, control, m);
        }
        else
        {
            FourLaneMatrix(re, im, n, target, control, m);
        }
    }

    /// <summary>The 4-lane (AVX2) path of <see cref="ApplyMatrix"/>: all of it on CPUs without AVX-512.</summary>
    internal static void FourLaneMatrix(double* re, double* im, int n, int target, int control, in Matrix2 m)
    {
        if (target >= 2)
        {
            CrossLaneComplex(re, im, n, target, control, m);
        }
        else if (target == 0)
        {
            InLaneComplex<SwapQubit0>(re, im, n, control, m);
        }
        else
        {
            InLaneComplex<SwapQubit1>(re, im, n, control, m);
        }
    }

    /// <summary>Applies a real 2x2 matrix [[a, b], [c, d]] (RY, CRY, H, X, Z...) with half the arithmetic.</summary>
    public static void ApplyReal(double* re, double* im, int n, int target, int control, double a, double b, double c, double d)
    {
        if (!SimdEnabled || n < MinSimdQubits)
        {
            ScalarMatrix(re, im, n, target, control, new Matrix2(a, b, c, d));
        }
        else if (WideLaneKernels.Applies(n))
        {
            WideLaneKernels.ApplyReal(re, im, n, target, control, a, b, c, d);
        }
        else
        {
            FourLaneReal(re, im, n, target, control, a, b, c, d);
        }
    }

    /// <summary>The 4-lane (AVX2) path of <see cref="ApplyReal"/>.</summary>
    internal static void FourLaneReal(double* re, double* im, int n, int target, int control, double a, double b, double c, double d)
    {
        if (target >= 2)
        {
            CrossLaneReal(re, im, n, target, control, a, b, c, d);
        }
        else if (target == 0)
        {
            InLaneReal<SwapQubit0>(re, im, n, control, a, b, c, d);
        }
        else
        {
            InLaneReal<SwapQubit1>(re, im, n, control, a, b, c, d);
        }
    }

    /// <summary>
    /// Applies diag(d0, d1) to <paramref name="target"/> (RZ, CRZ): one complex multiply per amplitude, half the
    /// arithmetic of a general matrix.
    /// </summary>
    public static void ApplyDiagonal(double* re, double* im, int n, int target, int control, Complex d0, Complex d1)
    {
        if (!SimdEnabled || n < MinSimdQubits)
        {
            ScalarMatrix(re, im, n, target, control, new Matrix2(d0, 0, 0, d1));
        }
        else if (target >= 2)
        {
            CrossLaneDiagonal(re, im, n, target, control, d0, d1);
        }
        else
        {
            InLaneDiagonal(re, im, n, target, control, d0, d1);
        }
    }

    private static void CrossLaneDiagonal(double* re, double* im, int n, int target, int control, Complex d0, Complex d1)
    {
        var c = new CrossLaneMatrix(new Matrix2(d0, 0, 0, d1), control);
        Vector256<double> a0 = c.M00r, b0 = c.M00i, a1 = c.M11r, b1 = c.M11i, nb0 = -b0, nb1 = -b1;
        int stride = 1 << target;
        var walk = PairWalk.CrossLane(n, target, control);
        for (int k = 0; k < walk.Count; k += 4)
        {
            int i0 = walk.Index(k);
            double* pr0 = re + i0, pi0 = im + i0, pr1 = pr0 + stride, pi1 = pi0 + stride;
            var r0 = Vector256.Load(pr0);
            var x0 = Vector256.Load(pi0);
            var r1 = Vector256.Load(pr1);
            var x1 = Vector256.Load(pi1);
            Vector256.Store(Fma(a0, r0, nb0 * x0), pr0);
            Vector256.Store(Fma(a0, x0, b0 * r0), pi0);
            Vector256.Store(Fma(a1, r1, nb1 * x1), pr1);
            Vector256.Store(Fma(a1, x1, b1 * r1), pi1);
        }
    }

    /// <summary>Target 0 or 1: the diagonal entry of each lane is d0 or d1 by the lane's target bit (A of <see cref="InLaneMatrix"/>).</summary>
    private static void InLaneDiagonal(double* re, double* im, int n, int target, int control, Complex d0, Complex d1)
    {
        var c = new InLaneMatrix(new Matrix2(d0, 0, 0, d1), target, control);
        Vector256<double> ar = c.Ar, ai = c.Ai, nai = -c.Ai;
        var walk = PairWalk.InLane(n, control);
        for (int k = 0; k < walk.Count; k += 4)
        {
            int i = walk.Index(k);
            var r = Vector256.Load(re + i);
            var x = Vector256.Load(im + i);
            Vector256.Store(Fma(ar, r, nai * x), re + i);
            Vector256.Store(Fma(ar, x, ai * r), im + i);
        }
    }

    /// <summary>Reference loop over amplitude pairs (also the path for 1-qubit states), for a double or a float
    /// state; the matrix is rounded to <typeparamref name="T"/> once.</summary>
    public static void ScalarMatrix<T>(T* re, T* im, int n, int target, int control, in Matrix2 m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T m00r = T.CreateTruncating(m.M00.Real), m00i = T.CreateTruncating(m.M00.Imaginary);
        T m01r = T.CreateTruncating(m.M01.Real), m01i = T.CreateTruncating(m.M01.Imaginary);
        T m10r = T.CreateTruncating(m.M10.Real), m10i = T.CreateTruncating(m.M10.Imaginary);
        T m11r = T.CreateTruncating(m.M11.Real), m11i = T.CreateTruncating(m.M11.Imaginary);
        int stride = 1 << target;
        int cmask = control >= 0 ? 1 << control : 0;
        int half = 1 << (n - 1);
        for (int k = 0; k < half; k++)
        {
            int i0 = PairIndex.InsertZero(k, target);
            if ((i0 & cmask) != cmask)
            {
                continue;
            }
            int i1 = i0 | stride;
            T r0 = re[i0], x0 = im[i0], r1 = re[i1], x1 = im[i1];
            re[i0] = m00r * r0 - m00i * x0 + m01r * r1 - m01i * x1;
            im[i0] = m00r * x0 + m00i * r0 + m01r * x1 + m01i * r1;
            re[i1] = m10r * r0 - m10i * x0 + m11r * r1 - m11i * x1;
            im[i1] = m10r * x0 + m10i * r0 + m11r * x1 + m11i * r1;
        }
    }

    internal static void CrossLaneComplex(double* re, double* im, int n, int target, int control, in Matrix2 m)
    {
        var c = new CrossLaneMatrix(m, control);
        Vector256<double> m00r = c.M00r, m00i = c.M00i, m01r = c.M01r, m01i = c.M01i;
        Vector256<double> m10r = c.M10r, m10i = c.M10i, m11r = c.M11r, m11i = c.M11i;
        Vector256<double> n00i = -m00i, n01i = -m01i, n10i = -m10i, n11i = -m11i;
        int stride = 1 << target;
        var walk = PairWalk.CrossLane(n, target, control);
        for (int k = 0; k < walk.Count; k += 4)
        {
            int i0 = walk.Index(k);
            double* pr0 = re + i0, pi0 = im + i0, pr1 = pr0 + stride, pi1 = pi0 + stride;
            var r0 = Vector256.Load(pr0);
            var x0 = Vector256.Load(pi0);
            var r1 = Vector256.Load(pr1);
            var x1 = Vector256.Load(pi1);
            Vector256.Store(Fma(m00r, r0, Fma(n00i, x0, Fma(m01r, r1, n01i * x1))), pr0);
            Vector256.Store(Fma(m00r, x0, Fma(m00i, r0, Fma(m01r, x1, m01i * r1))), pi0);
            Vector256.Store(Fma(m10r, r0, Fma(n10i, x0, Fma(m11r, r1, n11i * x1))), pr1);
            Vector256.Store(Fma(m10r, x0, Fma(m10i, r0, Fma(m11r, x1, m11i * r1))), pi1);
        }
    }

    /// <summary>
    /// Use the 8-lane Vector512 kernels (<see cref="WideLaneKernels"/>): they halve the instructions, loads and index
    /// arithmetic per amplitude against the 4-lane ones. QGAN_NO_AVX512 turns them off.
    /// </summary>
    public static readonly bool Wide = Vector512.IsHardwareAccelerated && Environment.GetEnvironmentVariable("QGAN_NO_AVX512") is null;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> Fma(Vector512<double> a, Vector512<double> b, Vector512<double> c) =>
        Vector512.MultiplyAddEstimate(a, b, c);

    /// <summary>c - a b in one instruction where the hardware has it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> Fnma(Vector512<double> a, Vector512<double> b, Vector512<double> c) =>
        System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? System.Runtime.Intrinsics.X86.Avx512F.FusedMultiplyAddNegated(a, b, c) : c - a * b;

    /// <summary>True when a pair spans whole 8-lane vectors (target, and a control if any, &gt;= 3).</summary>
    internal static bool UseWide(int target, int control) => Wide && target >= 3 && (control < 0 || control >= 3);

    private static void InLaneComplex<TSwap>(double* re, double* im, int n, int control, in Matrix2 m)
        where TSwap : struct, ILaneSwap
    {
        var c = new InLaneMatrix(m, TSwap.Target, control);
        Vector256<double> ar = c.Ar, ai = c.Ai, br = c.Br, bi = c.Bi, nai = -c.Ai, nbi = -c.Bi;
        var walk = PairWalk.InLane(n, control);
        for (int k = 0; k < walk.Count; k += 4)
        {
            int i = walk.Index(k);
            var r = Vector256.Load(re + i);
            var x = Vector256.Load(im + i);
            var pr = TSwap.Swap(r);
            var px = TSwap.Swap(x);
            Vector256.Store(Fma(ar, r, Fma(nai, x, Fma(br, pr, nbi * px))), re + i);
            Vector256.Store(Fma(ar, x, Fma(ai, r, Fma(br, px, bi * pr))), im + i);
        }
    }

    internal static void CrossLaneReal(double* re, double* im, int n, int target, int control, double a, double b, double cc, double d)
    {
        var c = new CrossLaneMatrix(new Matrix2(a, b, cc, d), control);
        Vector256<double> m00 = c.M00r, m01 = c.M01r, m10 = c.M10r, m11 = c.M11r;
        int stride = 1 << target;
        var walk = PairWalk.CrossLane(n, target, control);
        for (int k = 0; k < walk.Count; k += 4)
        {
            int i0 = walk.Index(k);
            double* pr0 = re + i0, pi0 = im + i0, pr1 = pr0 + stride, pi1 = pi0 + stride;
            var r0 = Vector256.Load(pr0);
            var x0 = Vector256.Load(pi0);
            var r1 = Vector256.Load(pr1);
            var x1 = Vector256.Load(pi1);
            Vector256.Store(Fma(m00, r0, m01 * r1), pr0);
            Vector256.Store(Fma(m00, x0, m01 * x1), pi0);
            Vector256.Store(Fma(m10, r0, m11 * r1), pr1);
            Vector256.Store(Fma(m10, x0, m11 * x1), pi1);
        }
    }

    private static void InLaneReal<TSwap>(double* re, double* im, int n, int control, double a, double b, double cc, double d)
        where TSwap : struct, ILaneSwap
    {
        var c = new InLaneMatrix(new Matrix2(a, b, cc, d), TSwap.Target, control);
        Vector256<double> ar = c.Ar, br = c.Br;
        var walk = PairWalk.InLane(n, control);
        for (int k = 0; k < walk.Count; k += 4)
        {
            int i = walk.Index(k);
            var r = Vector256.Load(re + i);
            var x = Vector256.Load(im + i);
            Vector256.Store(Fma(ar, r, br * TSwap.Swap(r)), re + i);
            Vector256.Store(Fma(ar, x, br * TSwap.Swap(x)), im + i);
        }
    }
}
