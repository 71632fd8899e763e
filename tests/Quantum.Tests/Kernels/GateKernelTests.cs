using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.Kernels;

namespace QGan.MLNet.Quantum.Tests.Kernels;

/// <summary>
/// The vector kernels (8-lane where AVX-512 is available, 4-lane otherwise; cross-lane for high targets, in-lane for
/// low ones, controls inside or outside the vector) against the scalar reference loops, for every target / control
/// placement on random states.
/// </summary>
public sealed unsafe class GateKernelTests
{
    private const double Tolerance = 1e-13;

    public static TheoryData<int, int, int> Placements()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int n in new[] { 1, 2, 3, 5 })
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
    public void Complex_matrix_kernel_matches_scalar_reference(int n, int target, int control)
    {
        var m = GateMatrices.U(0.7, -1.3, 2.1) * GateMatrices.Rz(0.4);
        var (re, im) = RandomState(n, seed: 10 * n + target);
        var (rre, rim) = (re.ToArray(), im.ToArray());
        fixed (double* pr = re, pi = im, qr = rre, qi = rim)
        {
            GateKernels.ApplyMatrix(pr, pi, n, target, control, m);
            GateKernels.ScalarMatrix(qr, qi, n, target, control, m);
        }
        AssertEqual(rre, re, "re");
        AssertEqual(rim, im, "im");
    }

    [Theory]
    [MemberData(nameof(Placements))]
    public void Real_matrix_kernel_matches_scalar_reference(int n, int target, int control)
    {
        var (re, im) = RandomState(n, seed: 7 * n + target);
        var (rre, rim) = (re.ToArray(), im.ToArray());
        fixed (double* pr = re, pi = im, qr = rre, qi = rim)
        {
            GateKernels.ApplyReal(pr, pi, n, target, control, 0.3, -0.9, 1.1, 0.2);
            GateKernels.ScalarMatrix(qr, qi, n, target, control, new Matrix2(0.3, -0.9, 1.1, 0.2));
        }
        AssertEqual(rre, re, "re");
        AssertEqual(rim, im, "im");
    }

    [Theory]
    [MemberData(nameof(Placements))]
    public void Diagonal_kernel_matches_scalar_reference(int n, int target, int control)
    {
        var d0 = System.Numerics.Complex.FromPolarCoordinates(1, -0.35);
        var d1 = System.Numerics.Complex.FromPolarCoordinates(1, 1.2);
        var (re, im) = RandomState(n, seed: 3 * n + target);
        var (rre, rim) = (re.ToArray(), im.ToArray());
        fixed (double* pr = re, pi = im, qr = rre, qi = rim)
        {
            GateKernels.ApplyDiagonal(pr, pi, n, target, control, d0, d1);
            GateKernels.ScalarMatrix(qr, qi, n, target, control, new Matrix2(d0, 0, 0, d1));
        }
        AssertEqual(rre, re, "re");
        AssertEqual(rim, im, "im");
    }

    [Theory]
    [MemberData(nameof(Placements))]
    public void Adjoint_real_gate_kernel_matches_scalar_reference(int n, int target, int control)
    {
        var (pr, pi) = RandomState(n, seed: n + 3 * target);
        var (lr, li) = RandomState(n, seed: 100 + n + 3 * target);
        var copies = new[] { pr.ToArray(), pi.ToArray(), lr.ToArray(), li.ToArray() };
        double vector, scalar;
        fixed (double* a = pr, b = pi, c = lr, d = li, e = copies[0], f = copies[1], g = copies[2], h = copies[3])
        {
            vector = AdjointKernels.RealGate(a, b, c, d, n, target, control, 0.8, 0.6, -0.6, 0.8);
            scalar = AdjointKernels.ScalarRealGate(e, f, g, h, n, target, control, 0.8, 0.6, -0.6, 0.8);
        }
        Assert.True(Math.Abs(vector - scalar) < Tolerance, $"T: vector {vector}, scalar {scalar}");
        AssertEqual(copies[0], pr, "phi re");
        AssertEqual(copies[3], li, "lambda im");
    }

    [Theory]
    [MemberData(nameof(Placements))]
    public void Cross_term_kernel_matches_scalar_reference_and_leaves_the_states_alone(int n, int target, int control)
    {
        var (pr, pi) = RandomState(n, seed: 60 + target);
        var (lr, li) = RandomState(n, seed: 70 + target);
        var copies = new[] { pr.ToArray(), pi.ToArray(), lr.ToArray(), li.ToArray() };
        CrossTerm readOnly, scalar;
        fixed (double* a = pr, b = pi, c = lr, d = li)
        {
            readOnly = AdjointKernels.CrossTermOf(a, b, c, d, n, target, control);
            scalar = AdjointKernels.ScalarCrossTerm(a, b, c, d, n, target, control);
        }
        Assert.Equal(copies[0], pr);
        Assert.Equal(copies[1], pi);
        Assert.Equal(copies[2], lr);
        Assert.Equal(copies[3], li);
        Assert.True(Math.Abs(readOnly.D - scalar.D) < Tolerance, "D");
        Assert.True(Math.Abs(readOnly.S - scalar.S) < Tolerance, "S");
        Assert.True(Math.Abs(readOnly.T - scalar.T) < Tolerance, "T");
        Assert.True(Math.Abs(scalar.D) + Math.Abs(scalar.S) + Math.Abs(scalar.T) > 1e-4, "non-trivial cross term");
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(5, true)]
    [InlineData(5, false)]
    public void Adjoint_seed_is_the_observable_sum_applied_to_the_state(int n, bool withY)
    {
        var rng = new Random(n);
        double[] Coefficients() => Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        double[] gz = Coefficients(), gx = Coefficients(), gy = withY ? Coefficients() : new double[n];
        var (pr, pi) = RandomState(n, seed: 90 + n);
        int dim = 1 << n;
        var lr = new double[dim];
        var li = new double[dim];
        var scratch = new double[dim];
        var er = new double[dim];
        var ei = new double[dim];
        fixed (double* a = pr, b = pi, c = lr, d = li, s = scratch)
        {
            AdjointKernels.Seed(a, b, c, d, n, gz, gx, gy, s);
        }
        // Expected: sum over q and Pauli P of g_P[q] P_q phi, each term by the scalar reference kernel.
        var paulis = new[] { (gz, new Matrix2(1, 0, 0, -1)), (gx, new Matrix2(0, 1, 1, 0)), (gy, GateMatrices.Of(GateOp.Y(0))) };
        for (int q = 0; q < n; q++)
        {
            foreach (var (g, pauli) in paulis)
            {
                var tr = pr.ToArray();
                var ti = pi.ToArray();
                fixed (double* a = tr, b = ti)
                {
                    GateKernels.ScalarMatrix(a, b, n, q, -1, pauli);
                }
                for (int i = 0; i < dim; i++)
                {
                    er[i] += g[q] * tr[i];
                    ei[i] += g[q] * ti[i];
                }
            }
        }
        AssertEqual(er, lr, "lambda re");
        AssertEqual(ei, li, "lambda im");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    public void Expectation_kernels_match_scalar_reference(int n)
    {
        var (re, im) = RandomState(n, seed: n);
        var z = new double[n];
        var zRef = new double[n];
        var scratch = new double[1 << n];
        fixed (double* pr = re, pi = im, s = scratch)
        {
            ExpectationKernels.AllZ(pr, pi, n, s, z);
            ExpectationKernels.ScalarAllZ(pr, pi, n, zRef);
            for (int q = 0; q < n; q++)
            {
                Assert.True(Math.Abs(z[q] - zRef[q]) < Tolerance, $"Z_{q}");
                Assert.True(Math.Abs(ExpectationKernels.X(pr, pi, n, q) - ExpectationKernels.ScalarPairSum(pr, pi, n, q, false)) < Tolerance, $"X_{q}");
                Assert.True(Math.Abs(ExpectationKernels.Y(pr, pi, n, q) - ExpectationKernels.ScalarPairSum(pr, pi, n, q, true)) < Tolerance, $"Y_{q}");
            }
        }
    }

    /// <summary>
    /// On AVX-512 hardware the dispatchers send every placement to the 8-lane kernels, so the 4-lane paths (all of
    /// the work on CPUs without AVX-512) are checked here directly, for every placement on 2 to 5 qubits.
    /// </summary>
    [Theory]
    [MemberData(nameof(Placements))]
    public void Four_lane_kernels_match_scalar_reference(int n, int target, int control)
    {
        if (n < GateKernels.MinSimdQubits)
        {
            return; // one-qubit states only have the scalar path
        }
        var m = GateMatrices.U(0.4, 1.1, -0.6);
        var (pr, pi) = RandomState(n, seed: 11 + target);
        var (lr, li) = RandomState(n, seed: 21 + target);
        var copies = new[] { pr.ToArray(), pi.ToArray(), lr.ToArray(), li.ToArray() };
        fixed (double* a = pr, b = pi, c = lr, d = li, e = copies[0], f = copies[1], g = copies[2], h = copies[3])
        {
            var cross = AdjointKernels.FourLaneCrossTerm(a, b, c, d, n, target, control);
            var crossRef = AdjointKernels.ScalarCrossTerm(e, f, g, h, n, target, control);
            Assert.True(Math.Abs(cross.D - crossRef.D) + Math.Abs(cross.S - crossRef.S) + Math.Abs(cross.T - crossRef.T) < Tolerance, "cross term");

            double t = AdjointKernels.FourLaneRealGate(a, b, c, d, n, target, control, 0.6, 0.8, -0.8, 0.6);
            double tRef = AdjointKernels.ScalarRealGate(e, f, g, h, n, target, control, 0.6, 0.8, -0.8, 0.6);
            Assert.True(Math.Abs(t - tRef) < Tolerance, "real gate T");

            GateKernels.FourLaneMatrix(a, b, n, target, control, m);
            GateKernels.ScalarMatrix(e, f, n, target, control, m);
            GateKernels.FourLaneReal(c, d, n, target, control, 0.3, -0.9, 1.1, 0.2);
            GateKernels.ScalarMatrix(g, h, n, target, control, new Matrix2(0.3, -0.9, 1.1, 0.2));
        }
        AssertEqual(copies[0], pr, "complex re");
        AssertEqual(copies[1], pi, "complex im");
        AssertEqual(copies[2], lr, "real re");
        AssertEqual(copies[3], li, "real im");
    }

    /// <summary>The two-qubit cross-term pass gives both qubits' cross terms as the scalar loop does, in either
    /// argument order, for every pair it accepts on 7 qubits.</summary>
    [Fact]
    public void Qubit_pair_cross_terms_match_scalar_reference()
    {
        const int n = 7;
        var (pr, pi) = RandomState(n, seed: 5);
        var (lr, li) = RandomState(n, seed: 6);
        int pairs = 0;
        fixed (double* a = pr, b = pi, c = lr, d = li)
        {
            for (int qa = 0; qa < n; qa++)
            {
                for (int qb = 0; qb < n; qb++)
                {
                    if (!QubitPairKernels.Supports(qa, qb))
                    {
                        continue;
                    }
                    pairs++;
                    var (first, second) = QubitPairKernels.CrossTerms(a, b, c, d, n, qa, qb);
                    AssertCrossTerm(AdjointKernels.ScalarCrossTerm(a, b, c, d, n, qa), first, $"qubit {qa} of ({qa}, {qb})");
                    AssertCrossTerm(AdjointKernels.ScalarCrossTerm(a, b, c, d, n, qb), second, $"qubit {qb} of ({qa}, {qb})");
                }
            }
        }
        // Pairs need AVX-512 and both qubits >= 3: 4 qubits give 12 ordered pairs.
        Assert.Equal(GateKernels.Wide ? 12 : 0, pairs);
    }

    private static void AssertCrossTerm(CrossTerm expected, CrossTerm actual, string what)
    {
        Assert.True(Math.Abs(expected.D - actual.D) < Tolerance, $"{what}: D {actual.D} vs {expected.D}");
        Assert.True(Math.Abs(expected.S - actual.S) < Tolerance, $"{what}: S {actual.S} vs {expected.S}");
        Assert.True(Math.Abs(expected.T - actual.T) < Tolerance, $"{what}: T {actual.T} vs {expected.T}");
    }

    /// <summary>A random normalised state.</summary>
    internal static (double[] Re, double[] Im) RandomState(int n, int seed)
    {
        var rng = new Random(seed);
        var re = new double[1 << n];
        var im = new double[1 << n];
        double norm = 0;
        for (int i = 0; i < re.Length; i++)
        {
            re[i] = rng.NextDouble() * 2 - 1;
            im[i] = rng.NextDouble() * 2 - 1;
            norm += re[i] * re[i] + im[i] * im[i];
        }
        double scale = 1 / Math.Sqrt(norm);
        for (int i = 0; i < re.Length; i++)
        {
            re[i] *= scale;
            im[i] *= scale;
        }
        return (re, im);
    }

    private static void AssertEqual(double[] expected, double[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < Tolerance, $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }
}
