using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using QGan.MLNet.Quantum.Gates;

namespace QGan.MLNet.Quantum.Noise;

/// <summary>Gate passes that also return the reduced density matrix of the touched qubits (after the gate).</summary>
internal static class FusedKernels
{
    /// <summary>Applies <paramref name="m"/> to qubit <paramref name="q"/> and returns its reduced density matrix afterwards.</summary>
    public static (Complex R00, Complex R01, Complex R11) ApplyAndReduce(Span<Complex> a, in Matrix2 m, int q)
    {
        int stride = 1 << q;
        if (stride >= 2 && Vector256.IsHardwareAccelerated)
        {
            return ApplyAndReduceVector(a, m, stride);
        }
        Complex m00 = m.M00, m01 = m.M01, m10 = m.M10, m11 = m.M11;
        double p0 = 0, p1 = 0;
        Complex c01 = Complex.Zero;
        for (int block = 0; block < a.Length; block += stride << 1)
        {
            for (int i = block; i < block + stride; i++)
            {
                var a0 = a[i];
                var a1 = a[i + stride];
                var b0 = m00 * a0 + m01 * a1;
                var b1 = m10 * a0 + m11 * a1;
                a[i] = b0;
                a[i + stride] = b1;
                p0 += b0.Real * b0.Real + b0.Imaginary * b0.Imaginary;
                p1 += b1.Real * b1.Real + b1.Imaginary * b1.Imaginary;
                c01 += b0 * Complex.Conjugate(b1);
            }
        }
        return (p0, c01, p1);
    }

    /// <summary>
    /// The same on interleaved (re, im) doubles, two amplitudes per 256-bit vector (stride &gt;= 2 keeps both
    /// amplitudes of a vector on the same side of the pair). A complex product m * v is
    /// v * Re(m) + swap(v) * (-Im m, Im m).
    /// </summary>
    private static (Complex R00, Complex R01, Complex R11) ApplyAndReduceVector(Span<Complex> a, in Matrix2 m, int stride)
    {
        var d = MemoryMarshal.Cast<Complex, double>(a);
        ref double d0 = ref MemoryMarshal.GetReference(d);
        var m00r = Vector256.Create(m.M00.Real);
        var m01r = Vector256.Create(m.M01.Real);
        var m10r = Vector256.Create(m.M10.Real);
        var m11r = Vector256.Create(m.M11.Real);
        var m00i = ImagPart(m.M00);
        var m01i = ImagPart(m.M01);
        var m10i = ImagPart(m.M10);
        var m11i = ImagPart(m.M11);
        var signs = Vector256.Create(1.0, -1.0, 1.0, -1.0);
        var p0 = Vector256<double>.Zero;
        var p1 = Vector256<double>.Zero;
        var cre = Vector256<double>.Zero;
        var cim = Vector256<double>.Zero;
        int doubleStride = 2 * stride;
        for (int block = 0; block < d.Length; block += 2 * doubleStride)
        {
            for (int j = block; j < block + doubleStride; j += 4)
            {
                var v0 = Vector256.LoadUnsafe(ref d0, (nuint)j);
                var v1 = Vector256.LoadUnsafe(ref d0, (nuint)(j + doubleStride));
                var s0 = Swap(v0);
                var s1 = Swap(v1);
                var b0 = v0 * m00r + s0 * m00i + v1 * m01r + s1 * m01i;
                var b1 = v0 * m10r + s0 * m10i + v1 * m11r + s1 * m11i;
                b0.StoreUnsafe(ref d0, (nuint)j);
                b1.StoreUnsafe(ref d0, (nuint)(j + doubleStride));
                p0 += b0 * b0;
                p1 += b1 * b1;
                // b0 * conj(b1): re = b0r b1r + b0i b1i, im = b0i b1r - b0r b1i.
                cre += b0 * b1;
                cim += Swap(b0) * b1 * signs;
            }
        }
        return (Vector256.Sum(p0), new Complex(Vector256.Sum(cre), Vector256.Sum(cim)), Vector256.Sum(p1));
    }

    /// <summary>
    /// All &lt;Z_q&gt; and &lt;X_q&gt; of a state in n + 1 branch-free passes: Z from the summed probabilities of the
    /// bit-0 and bit-1 blocks, X_q = 2 Re sum conj(a_i) a_{i + 2^q} over contiguous blocks (vectorised for q &gt;= 1).
    /// </summary>
    public static void ExpectationsZX(ReadOnlySpan<Complex> a, Span<double> z, Span<double> x)
    {
        int n = z.Length;
        var d = MemoryMarshal.Cast<Complex, double>(a);
        ref double d0 = ref MemoryMarshal.GetReference(d);
        for (int q = 0; q < n; q++)
        {
            int stride = 1 << q;
            double zSum = 0, xSum = 0;
            if (stride >= 2 && Vector256.IsHardwareAccelerated)
            {
                var zAcc = Vector256<double>.Zero;
                var xAcc = Vector256<double>.Zero;
                int doubleStride = 2 * stride;
                for (int block = 0; block < d.Length; block += 2 * doubleStride)
                {
                    for (int j = block; j < block + doubleStride; j += 4)
                    {
                        var v0 = Vector256.LoadUnsafe(ref d0, (nuint)j);
                        var v1 = Vector256.LoadUnsafe(ref d0, (nuint)(j + doubleStride));
                        zAcc += v0 * v0 - v1 * v1;
                        xAcc += v0 * v1;
                    }
                }
                zSum = Vector256.Sum(zAcc);
                xSum = Vector256.Sum(xAcc);
            }
            else
            {
                for (int block = 0; block < a.Length; block += stride << 1)
                {
                    for (int i = block; i < block + stride; i++)
                    {
                        var a0 = a[i];
                        var a1 = a[i + stride];
                        zSum += a0.Real * a0.Real + a0.Imaginary * a0.Imaginary - a1.Real * a1.Real - a1.Imaginary * a1.Imaginary;
                        xSum += a0.Real * a1.Real + a0.Imaginary * a1.Imaginary;
                    }
                }
            }
            z[q] = zSum;
            x[q] = 2 * xSum;
        }
    }

    private static Vector256<double> ImagPart(Complex c) => Vector256.Create(-c.Imaginary, c.Imaginary, -c.Imaginary, c.Imaginary);

    private static Vector256<double> Swap(Vector256<double> v) => Vector256.Shuffle(v, Vector256.Create(1L, 0L, 3L, 2L));

    /// <summary>Applies a 4x4 matrix to (first, second) and writes the 4x4 reduced density matrix into <paramref name="rho"/>.</summary>
    public static void ApplyAndReduce(Span<Complex> a, ReadOnlySpan<Complex> g, int first, int second, Complex[] rho)
    {
        Array.Clear(rho);
        int m0 = 1 << first, m1 = 1 << second;
        int lo = Math.Min(first, second), hi = Math.Max(first, second);
        if (lo >= 1 && Vector256.IsHardwareAccelerated)
        {
            ApplyAndReduceVector(a, g, m0, m1, lo, hi, rho);
            return;
        }
        int groups = a.Length >> 2;
        Span<Complex> v = stackalloc Complex[4];
        Span<Complex> w = stackalloc Complex[4];
        for (int k = 0; k < groups; k++)
        {
            int i = InsertZero(InsertZero(k, lo), hi);
            v[0] = a[i];
            v[1] = a[i | m0];
            v[2] = a[i | m1];
            v[3] = a[i | m0 | m1];
            for (int r = 0; r < 4; r++)
            {
                w[r] = g[4 * r] * v[0] + g[4 * r + 1] * v[1] + g[4 * r + 2] * v[2] + g[4 * r + 3] * v[3];
            }
            a[i] = w[0];
            a[i | m0] = w[1];
            a[i | m1] = w[2];
            a[i | m0 | m1] = w[3];
            for (int r = 0; r < 4; r++)
            {
                for (int c = r; c < 4; c++)
                {
                    rho[4 * r + c] += w[r] * Complex.Conjugate(w[c]);
                }
            }
        }
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < r; c++)
            {
                rho[4 * r + c] = Complex.Conjugate(rho[4 * c + r]);
            }
        }
    }

    /// <summary>
    /// Vector form of the pair kernel for pairs not involving qubit 0: neighbouring groups i and i + 1 share the
    /// pattern, so each 256-bit load holds the same local amplitude of two groups.
    /// </summary>
    private static void ApplyAndReduceVector(Span<Complex> a, ReadOnlySpan<Complex> g, int m0, int m1, int lo, int hi, Complex[] rho)
    {
        var d = MemoryMarshal.Cast<Complex, double>(a);
        ref double d0 = ref MemoryMarshal.GetReference(d);
        Span<Vector256<double>> gr = stackalloc Vector256<double>[16];
        Span<Vector256<double>> gi = stackalloc Vector256<double>[16];
        for (int e = 0; e < 16; e++)
        {
            gr[e] = Vector256.Create(g[e].Real);
            gi[e] = ImagPart(g[e]);
        }
        var signs = Vector256.Create(1.0, -1.0, 1.0, -1.0);
        Span<Vector256<double>> accRe = stackalloc Vector256<double>[16];
        Span<Vector256<double>> accIm = stackalloc Vector256<double>[16];
        Span<Vector256<double>> v = stackalloc Vector256<double>[4];
        Span<Vector256<double>> sv = stackalloc Vector256<double>[4];
        Span<Vector256<double>> w = stackalloc Vector256<double>[4];
        Span<int> offset = [0, 2 * m0, 2 * m1, 2 * (m0 | m1)];
        int groups = a.Length >> 2;
        for (int k = 0; k < groups; k += 2)
        {
            int i = 2 * InsertZero(InsertZero(k, lo), hi);
            for (int l = 0; l < 4; l++)
            {
                v[l] = Vector256.LoadUnsafe(ref d0, (nuint)(i + offset[l]));
                sv[l] = Swap(v[l]);
            }
            for (int r = 0; r < 4; r++)
            {
                var acc = Vector256<double>.Zero;
                for (int c = 0; c < 4; c++)
                {
                    acc += v[c] * gr[4 * r + c] + sv[c] * gi[4 * r + c];
                }
                w[r] = acc;
                acc.StoreUnsafe(ref d0, (nuint)(i + offset[r]));
            }
            for (int r = 0; r < 4; r++)
            {
                var sw = Swap(w[r]) * signs;
                for (int c = r; c < 4; c++)
                {
                    accRe[4 * r + c] += w[r] * w[c];
                    accIm[4 * r + c] += sw * w[c];
                }
            }
        }
        for (int r = 0; r < 4; r++)
        {
            for (int c = r; c < 4; c++)
            {
                rho[4 * r + c] = new Complex(Vector256.Sum(accRe[4 * r + c]), Vector256.Sum(accIm[4 * r + c]));
                if (c != r)
                {
                    rho[4 * c + r] = Complex.Conjugate(rho[4 * r + c]);
                }
            }
        }
    }

    private static int InsertZero(int x, int bit) => ((x >> bit) << (bit + 1)) | (x & ((1 << bit) - 1));
}
