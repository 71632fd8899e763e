using System.Numerics;
using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Quantum.Sampling;
using QGan.MLNet.Quantum.State;

namespace QGan.MLNet.Quantum.Tests.Noise;

/// <summary>The fused gate-and-reduce kernels against the plain statevector operations.</summary>
public sealed class FusedKernelTests
{
    private static StateVector RandomState(int n, ulong seed)
    {
        var rng = new SeededRandom(seed);
        var state = new StateVector(n);
        var a = state.Amplitudes;
        var parts = new double[2 * a.Length];
        rng.FillNormal(parts);
        double norm = 0;
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = new Complex(parts[2 * i], parts[2 * i + 1]);
            norm += a[i].Magnitude * a[i].Magnitude;
        }
        for (int i = 0; i < a.Length; i++)
        {
            a[i] /= Math.Sqrt(norm);
        }
        return state;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Single_qubit_apply_and_reduce_matches_apply_then_partial_trace(int qubit)
    {
        var m = GateMatrices.U(0.7, -1.3, 2.2) * new Matrix2(1, 0, 0, 0.8);
        var fused = RandomState(5, 3);
        var plain = fused.Clone();

        var (r00, r01, r11) = FusedKernels.ApplyAndReduce(fused.Amplitudes, m, qubit);
        plain.ApplySingle(m, qubit);
        var (e00, e01, e11) = TrajectoryStepper.ReducedDensity(plain.Amplitudes, qubit);

        for (int i = 0; i < plain.Dimension; i++)
        {
            Assert.True(Complex.Abs(plain.Amplitudes[i] - fused.Amplitudes[i]) < 1e-15, $"amplitude {i}");
        }
        Assert.True(Complex.Abs(r00 - e00) < 1e-14 && Complex.Abs(r01 - e01) < 1e-14 && Complex.Abs(r11 - e11) < 1e-14,
            $"reduced ({r00}, {r01}, {r11}) vs ({e00}, {e01}, {e11})");
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 0)]
    [InlineData(2, 4)]
    [InlineData(4, 2)]
    [InlineData(1, 2)]
    public void Pair_apply_and_reduce_matches_controlled_gate_then_partial_trace(int control, int target)
    {
        var u = GateMatrices.Ry(1.1) * GateMatrices.Rz(-0.3);
        var fused = RandomState(5, 4);
        var plain = fused.Clone();
        var rho = new Complex[16];

        FusedKernels.ApplyAndReduce(fused.Amplitudes, Matrix4.Controlled(u).Entries, control, target, rho);
        plain.ApplyControlled(u, control, target);
        var expected = TrajectoryStepper.ReducedDensity(plain.Amplitudes, control, target);

        for (int i = 0; i < plain.Dimension; i++)
        {
            Assert.True(Complex.Abs(plain.Amplitudes[i] - fused.Amplitudes[i]) < 1e-15, $"amplitude {i}");
        }
        for (int i = 0; i < 16; i++)
        {
            Assert.True(Complex.Abs(expected[i] - rho[i]) < 1e-14, $"rho[{i}] = {rho[i]}, expected {expected[i]}");
        }
    }

    [Fact]
    public void All_expectations_in_one_call_match_the_statevector()
    {
        var state = RandomState(6, 9);
        var z = new double[6];
        var x = new double[6];
        FusedKernels.ExpectationsZX(state.Amplitudes, z, x);
        for (int q = 0; q < 6; q++)
        {
            Assert.Equal(state.ExpectationZ(q), z[q], 14);
            Assert.Equal(state.ExpectationX(q), x[q], 14);
        }
    }
}
