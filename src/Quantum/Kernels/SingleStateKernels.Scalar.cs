using QGan.MLNet.Quantum.Gates;

namespace QGan.MLNet.Quantum.Kernels;

/// <summary>The scalar reference loops of <see cref="SingleStateKernels"/>: the path below 4 qubits and without
/// AVX-512, and the tests' oracle for the vector paths.</summary>
internal readonly unsafe partial struct SingleStateKernels
{
    public static void ScalarMatrix(float* re, float* im, int n, int target, int control, in Matrix2 m)
    {
        float m00r = (float)m.M00.Real, m00i = (float)m.M00.Imaginary, m01r = (float)m.M01.Real, m01i = (float)m.M01.Imaginary;
        float m10r = (float)m.M10.Real, m10i = (float)m.M10.Imaginary, m11r = (float)m.M11.Real, m11i = (float)m.M11.Imaginary;
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
            float r0 = re[i0], x0 = im[i0], r1 = re[i1], x1 = im[i1];
            re[i0] = m00r * r0 - m00i * x0 + m01r * r1 - m01i * x1;
            im[i0] = m00r * x0 + m00i * r0 + m01r * x1 + m01i * r1;
            re[i1] = m10r * r0 - m10i * x0 + m11r * r1 - m11i * x1;
            im[i1] = m10r * x0 + m10i * r0 + m11r * x1 + m11i * r1;
        }
    }

    public static void ScalarAllZ(float* re, float* im, int n, Span<double> z)
    {
        z[..n].Clear();
        double total = 0;
        for (int i = 0; i < 1 << n; i++)
        {
            double p = (double)re[i] * re[i] + (double)im[i] * im[i];
            total += p;
            for (int q = 0; q < n; q++)
            {
                if ((i >> q & 1) != 0)
                {
                    z[q] += p;
                }
            }
        }
        for (int q = 0; q < n; q++)
        {
            z[q] = total - 2 * z[q];
        }
    }

    public static double ScalarPairSum(float* re, float* im, int n, int q, bool imaginaryPart)
    {
        int stride = 1 << q;
        double sum = 0;
        for (int k = 0; k < 1 << (n - 1); k++)
        {
            int i0 = PairIndex.InsertZero(k, q), i1 = i0 | stride;
            sum += imaginaryPart
                ? (double)re[i0] * im[i1] - (double)im[i0] * re[i1]
                : (double)re[i0] * re[i1] + (double)im[i0] * im[i1];
        }
        return 2 * sum;
    }

    public static void ScalarSeed(float* pr, float* pi, float* lr, float* li, int n,
        ReadOnlySpan<double> gz, ReadOnlySpan<double> gx, ReadOnlySpan<double> gy)
    {
        for (int i = 0; i < 1 << n; i++)
        {
            double d = 0, r = 0, x = 0;
            for (int q = 0; q < n; q++)
            {
                int j = i ^ (1 << q);
                double s = (i >> q & 1) != 0 ? 1 : -1;
                d += (i >> q & 1) != 0 ? -gz[q] : gz[q];
                r += gx[q] * pr[j] - s * gy[q] * pi[j];
                x += gx[q] * pi[j] + s * gy[q] * pr[j];
            }
            lr[i] = (float)(d * pr[i] + r);
            li[i] = (float)(d * pi[i] + x);
        }
    }

    public static CrossTerm ScalarCrossTerm(float* pr, float* pi, float* lr, float* li, int n, int target, int control)
    {
        int stride = 1 << target;
        int cmask = control >= 0 ? 1 << control : 0;
        double sd = 0, ss = 0, st = 0;
        for (int k = 0; k < 1 << (n - 1); k++)
        {
            int i0 = PairIndex.InsertZero(k, target), i1 = i0 | stride;
            if ((i0 & cmask) != cmask)
            {
                continue;
            }
            double f0r = pr[i0], f0i = pi[i0], f1r = pr[i1], f1i = pi[i1];
            double l0r = lr[i0], l0i = li[i0], l1r = lr[i1], l1i = li[i1];
            sd += f0i * l0r - f0r * l0i - f1i * l1r + f1r * l1i;
            ss += f0i * l1r - f0r * l1i + f1i * l0r - f1r * l0i;
            st += f1r * l0r + f1i * l0i - f0r * l1r - f0i * l1i;
        }
        return new CrossTerm(sd, ss, st);
    }
}
