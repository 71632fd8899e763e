using QGan.MLNet.Quantum.Sampling;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Density;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Quantum.State;

namespace QGan.MLNet.Quantum.Tests.Noise;

/// <summary>
/// Controlled rotations are noised as their two-CX hardware sequence: exact without noise, and with noise checked
/// against closed forms that count two two-qubit gates (not one).
/// </summary>
public sealed class NativeGatesTests
{
    [Fact]
    public void The_native_sequence_is_the_controlled_rotation_without_noise()
    {
        // The 4-qubit style reference circuit (CRY on the ring) and a CRZ on top, on a random-ish input state.
        var circuit = new Circuit(4).AddRange(ReferenceCases.Style(4).Circuit.Gates).Add(GateOp.Crz(2, 0, 0.83)).Add(GateOp.Crz(0, 3, -1.9));
        var expanded = NativeGates.Expand(circuit);
        Assert.All(expanded.Gates, g => Assert.True(NativeGates.IsNative(g), $"{g.Kind} is not native"));
        int controlled = circuit.Gates.Count(g => !NativeGates.IsNative(g));
        Assert.Equal(circuit.Gates.Count + 3 * controlled, expanded.Gates.Count);
        Assert.Equal(2 * controlled, expanded.Gates.Count(g => g.Kind == GateKind.CX));

        var a = new StateVector(4);
        a.Apply(circuit);
        var b = new StateVector(4);
        b.Apply(expanded);
        for (int i = 0; i < a.Dimension; i++)
        {
            Assert.Equal(a.Amplitudes[i].Real, b.Amplitudes[i].Real, 12);
            Assert.Equal(a.Amplitudes[i].Imaginary, b.Amplitudes[i].Imaginary, 12);
        }
        Assert.Same(expanded, NativeGates.Expand(expanded));
    }

    [Fact]
    public void A_cry_costs_two_depolarizing_two_qubit_gates_in_the_density_matrix()
    {
        // Only two-qubit depolarizing noise p. A two-qubit depolarizing channel commutes with every unitary on its pair,
        // so the two channels of the CX pair move to the end: rho -> (1-p)^2 rho + (1 - (1-p)^2) I/4, and every
        // one-qubit expectation shrinks by (1-p)^2 (one gate would give 1-p).
        const double p = 0.2, a = 1.1, theta = 0.9;
        var model = NoiseModel.Uniform(2, double.PositiveInfinity, double.PositiveInfinity, ReadoutError.None, 0, 0, p, 0);
        var circuit = new Circuit(2).Add(GateOp.Ry(0, a)).Add(GateOp.Cry(0, 1, theta));
        var rho = DensityMatrixSimulator.Run(circuit, model);

        double idealZ1 = Math.Cos(a / 2) * Math.Cos(a / 2) + Math.Sin(a / 2) * Math.Sin(a / 2) * Math.Cos(theta);
        double idealZ0 = Math.Cos(a);
        double shrink = (1 - p) * (1 - p);
        Assert.Equal(shrink * idealZ0, rho.ExpectationZ(0), 12);
        Assert.Equal(shrink * idealZ1, rho.ExpectationZ(1), 12);
    }

    [Theory]
    [InlineData(TrajectoryEngine.Fused)]
    [InlineData(TrajectoryEngine.Reference)]
    public void Trajectories_follow_the_two_gate_closed_forms(TrajectoryEngine engine)
    {
        const double p = 0.2, a = 1.1, theta = 0.9;
        var model = NoiseModel.Uniform(2, double.PositiveInfinity, double.PositiveInfinity, ReadoutError.None, 0, 0, p, 0);
        var circuit = new Circuit(2).Add(GateOp.Ry(0, a)).Add(GateOp.Cry(0, 1, theta));
        var estimate = new TrajectorySimulator(model, engine: engine).Expectations(circuit, trajectories: 4000, seed: 3);
        double shrink = (1 - p) * (1 - p);
        double idealZ1 = Math.Cos(a / 2) * Math.Cos(a / 2) + Math.Sin(a / 2) * Math.Sin(a / 2) * Math.Cos(theta);
        AssertWithin(shrink * Math.Cos(a), estimate.Z[0], estimate.ZStandardError[0]);
        AssertWithin(shrink * idealZ1, estimate.Z[1], estimate.ZStandardError[1]);
        // One gate's worth of noise (1 - p) is many standard errors away: the test tells the two counts apart.
        Assert.True(Math.Abs((1 - p) * idealZ1 - estimate.Z[1]) > 6 * estimate.ZStandardError[1]);
    }

    [Fact]
    public void The_control_relaxes_for_two_gate_durations()
    {
        // Pure amplitude damping (T2 = 2 T1), gates without depolarizing error, one-qubit gates instantaneous. The control
        // starts in |1> (X) and relaxes only during the two CX gates: P(1) = exp(-2 tau / T1).
        const double t1Us = 5, tauNs = 700;
        var model = NoiseModel.Uniform(2, t1Us, 2 * t1Us, ReadoutError.None, 0, 0, 0, tauNs);
        var circuit = new Circuit(2).Add(GateOp.X(0)).Add(GateOp.Cry(0, 1, 0.4));
        var rho = DensityMatrixSimulator.Run(circuit, model);
        double excited = Math.Exp(-2 * tauNs / 1000 / t1Us);
        Assert.Equal(1 - 2 * excited, rho.ExpectationZ(0), 12);
    }

    private static void AssertWithin(double expected, double actual, double standardError)
    {
        Assert.True(Math.Abs(expected - actual) <= 5 * standardError + 1e-12,
            $"expected {expected}, trajectories gave {actual} (standard error {standardError})");
    }
}
