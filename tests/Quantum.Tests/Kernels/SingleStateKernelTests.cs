using System.Numerics;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.Kernels;

namespace QGan.MLNet.Quantum.Tests.Kernels;

/// <summary>
/// The single-precision kernels (16-lane where AVX-512 is available) against the double kernels on the same random
/// state, and the vector paths against the float scalar loops, for every target / control placement: lane qubits
/// 0-3, whole-vector qubits, controls inside and outside the vector.
/// </summary>
public sealed unsafe class SingleStateKernelTests
{
    private const double Tolerance = 2e-6;

    public static TheoryData<int, int, int> Placements()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int n in new[] { 2, 4, 5, 6 })
        {
            for (int t = 0; t < n; t++)
            {
                for (int c = -1; c < n; c++)
                {
                    if (c != t)
                    {
                        data.Add(n, t, c);
                    }
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Placements))]
    public void Gates_match_double_and_the_scalar_loop(int n, int target, int control)
    {
        var m = RandomUnitary(new Random(n * 100 + target * 10 + control + 1));
        using var state = new States(n, seed: target + 3 * control + 17);
        var (copyRe, copyIm) = state.SingleCopy();
        float* sr = copyRe.Pointer, si = copyIm.Pointer;

        GateKernels.ApplyMatrix(state.Dr, state.Di, n, target, control, m);
        SingleStateKernels.ApplyMatrix(state.Fr, state.Fi, n, target, control, m);
        GateKernels.ScalarMatrix(sr, si, n, target, control, m);

        state.AssertSingleMatchesDouble("matrix");
        state.AssertSingleEquals(sr, si, "scalar matrix");
    }

    [Theory]
    [MemberData(nameof(Placements))]
    public void Real_gate_and_cross_terms_match_double(int n, int target, int control)
    {
        using var phi = new States(n, seed: 5 * target + control + 2);
        using var lambda = new States(n, seed: 7 * target + control + 40);
        var expected = AdjointKernels.CrossTermOf(phi.Dr, phi.Di, lambda.Dr, lambda.Di, n, target, control);
        var actual = SingleStateKernels.CrossTermOf(phi.Fr, phi.Fi, lambda.Fr, lambda.Fi, n, target, control);
        var scalar = AdjointKernels.ScalarCrossTerm(phi.Fr, phi.Fi, lambda.Fr, lambda.Fi, n, target, control);
        AssertClose(expected.D, actual.D, "D");
        AssertClose(expected.S, actual.S, "S");
        AssertClose(expected.T, actual.T, "T");
        AssertClose(scalar.D, actual.D, "scalar D");

        var (s, c) = Math.SinCos(0.83);
        double tExpected = AdjointKernels.RealGate(phi.Dr, phi.Di, lambda.Dr, lambda.Di, n, target, control, c, s, -s, c);
        double tActual = SingleStateKernels.RealGate(phi.Fr, phi.Fi, lambda.Fr, lambda.Fi, n, target, control, c, s, -s, c);
        AssertClose(tExpected, tActual, "real-gate T");
        phi.AssertSingleMatchesDouble("phi after the real gate");
        lambda.AssertSingleMatchesDouble("lambda after the real gate");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    public void Expectations_and_seed_match_double(int n)
    {
        using var phi = new States(n, seed: n);
        using var lambda = new States(n, seed: n + 50);
        var zd = new double[n];
        var zf = new double[n];
        var scratchD = new double[1 << n];
        var scratchF = new float[1 << n];
        fixed (double* sd = scratchD)
        fixed (float* sf = scratchF)
        {
            ExpectationKernels.AllZ(phi.Dr, phi.Di, n, sd, zd);
            SingleStateKernels.AllZ(phi.Fr, phi.Fi, n, sf, zf);
            for (int q = 0; q < n; q++)
            {
                AssertClose(zd[q], zf[q], $"<Z_{q}>");
                AssertClose(ExpectationKernels.X(phi.Dr, phi.Di, n, q), SingleStateKernels.X(phi.Fr, phi.Fi, n, q), $"<X_{q}>");
                AssertClose(ExpectationKernels.Y(phi.Dr, phi.Di, n, q), SingleStateKernels.Y(phi.Fr, phi.Fi, n, q), $"<Y_{q}>");
            }
            var rng = new Random(n);
            double[] Coefficients() => Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
            var (gz, gx, gy) = (Coefficients(), Coefficients(), Coefficients());
            gx[0] = 0; // a qubit without X/Y part is skipped
            gy[0] = 0;
            AdjointKernels.Seed(phi.Dr, phi.Di, lambda.Dr, lambda.Di, n, gz, gx, gy, sd);
            SingleStateKernels.Seed(phi.Fr, phi.Fi, lambda.Fr, lambda.Fi, n, gz, gx, gy, sf);
        }
        lambda.AssertSingleMatchesDouble("seeded lambda", 1e-5);
        Assert.True(zd.Max(Math.Abs) > 1e-3);
    }

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)),
            $"{what}: expected {expected:R}, got {actual:R}");

    private static Matrix2 RandomUnitary(Random rng)
    {
        // exp(i g) [[a, -conj b], [b, conj a]] with |a|^2 + |b|^2 = 1
        var a = new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5);
        var b = new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5);
        double norm = Math.Sqrt(a.Magnitude * a.Magnitude + b.Magnitude * b.Magnitude);
        a /= norm;
        b /= norm;
        var g = Complex.FromPolarCoordinates(1, rng.NextDouble() * 6);
        return new Matrix2(g * a, -g * Complex.Conjugate(b), g * b, g * Complex.Conjugate(a));
    }

    /// <summary>One random normalised state held in double and (rounded) in float.</summary>
    private sealed class States : IDisposable
    {
        private readonly AlignedBuffer<double> _dr, _di;
        private readonly AlignedBuffer<float> _fr, _fi;
        private readonly List<AlignedBuffer<float>> _copies = [];

        public States(int n, int seed)
        {
            int dim = 1 << n;
            (_dr, _di, _fr, _fi) = (new(dim), new(dim), new(dim), new(dim));
            var rng = new Random(seed);
            double norm = 0;
            for (int i = 0; i < dim; i++)
            {
                _dr.Span[i] = rng.NextDouble() - 0.5;
                _di.Span[i] = rng.NextDouble() - 0.5;
                norm += _dr.Span[i] * _dr.Span[i] + _di.Span[i] * _di.Span[i];
            }
            for (int i = 0; i < dim; i++)
            {
                // Round to float first, so both precisions start from the same numbers.
                _fr.Span[i] = (float)(_dr.Span[i] / Math.Sqrt(norm));
                _fi.Span[i] = (float)(_di.Span[i] / Math.Sqrt(norm));
                _dr.Span[i] = _fr.Span[i];
                _di.Span[i] = _fi.Span[i];
            }
        }

        public double* Dr => _dr.Pointer;
        public double* Di => _di.Pointer;
        public float* Fr => _fr.Pointer;
        public float* Fi => _fi.Pointer;

        public (AlignedBuffer<float> Re, AlignedBuffer<float> Im) SingleCopy()
        {
            var re = new AlignedBuffer<float>(_fr.Length);
            var im = new AlignedBuffer<float>(_fi.Length);
            _fr.Span.CopyTo(re.Span);
            _fi.Span.CopyTo(im.Span);
            _copies.Add(re);
            _copies.Add(im);
            return (re, im);
        }

        public void AssertSingleMatchesDouble(string what, double tolerance = Tolerance)
        {
            for (int i = 0; i < _dr.Length; i++)
            {
                Assert.True(Math.Abs(_dr.Span[i] - _fr.Span[i]) <= tolerance && Math.Abs(_di.Span[i] - _fi.Span[i]) <= tolerance,
                    $"{what}, amplitude {i}: double ({_dr.Span[i]}, {_di.Span[i]}), float ({_fr.Span[i]}, {_fi.Span[i]})");
            }
        }

        public void AssertSingleEquals(float* re, float* im, string what)
        {
            for (int i = 0; i < _fr.Length; i++)
            {
                Assert.True(Math.Abs(_fr.Span[i] - re[i]) <= 1e-6 && Math.Abs(_fi.Span[i] - im[i]) <= 1e-6,
                    $"{what}, amplitude {i}: vector ({_fr.Span[i]}, {_fi.Span[i]}), scalar ({re[i]}, {im[i]})");
            }
        }

        public void Dispose() => _copies.Clear();
    }
}
