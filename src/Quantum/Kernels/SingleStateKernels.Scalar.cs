namespace QGan.MLNet.Quantum.Kernels;

/// <summary>The float scalar seed of <see cref="SingleStateKernels"/> (fewer than 4 qubits, no AVX-512, and the
/// tests' oracle); the other scalar loops are the generic reference loops of <see cref="GateKernels"/>,
/// <see cref="ExpectationKernels"/> and <see cref="AdjointKernels"/>.</summary>
internal readonly unsafe partial struct SingleStateKernels
{
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
}
