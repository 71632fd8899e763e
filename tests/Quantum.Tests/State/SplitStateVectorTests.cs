using System.Numerics;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.State;

namespace QGan.MLNet.Quantum.Tests.State;

/// <summary>The SIMD statevector against the scalar reference <see cref="StateVector"/> (gate by gate) and analytic states.</summary>
public sealed class SplitStateVectorTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 4)]
    [InlineData(7, 5)]
    public void Random_circuits_with_every_gate_kind_match_the_reference(int n, int seed)
    {
        var rng = new Random(seed);
        var circuit = new Circuit(n);
        var kinds = Enum.GetValues<GateKind>().Where(k => n > 1 || !new GateOp(k, 0).IsControlled).ToArray();
        for (int i = 0; i < 60; i++)
        {
            var kind = kinds[rng.Next(kinds.Length)];
            int target = rng.Next(n);
            int control = -1;
            if (new GateOp(kind, 0).IsControlled)
            {
                do
                {
                    control = rng.Next(n);
                }
                while (control == target);
            }
            double Angle() => (rng.NextDouble() * 2 - 1) * 4;
            circuit.Add(new GateOp(kind, target, control, Angle(), Angle(), Angle()));
        }

        var reference = new StateVector(n);
        foreach (var op in circuit.Gates)
        {
            reference.Apply(op);
        }
        var fast = new SplitStateVector(n);
        fast.Apply(circuit);
        var z = new double[n];
        fast.ExpectationsZ(z);
        for (int i = 0; i < reference.Dimension; i++)
        {
            Assert.True(Complex.Abs(reference.Amplitudes[i] - fast[i]) < 1e-12, $"amplitude {i}: {reference.Amplitudes[i]} vs {fast[i]}");
        }
        for (int q = 0; q < n; q++)
        {
            Assert.True(Math.Abs(reference.ExpectationZ(q) - z[q]) < 1e-12, $"Z_{q}");
            Assert.True(Math.Abs(reference.ExpectationX(q) - fast.ExpectationX(q)) < 1e-12, $"X_{q}");
            Assert.True(Math.Abs(reference.ExpectationY(q) - fast.ExpectationY(q)) < 1e-12, $"Y_{q}");
        }
        Assert.Equal(1.0, fast.NormSquared(), 12);
    }

    [Fact]
    public void Ghz_state_has_the_analytic_amplitudes_and_expectations()
    {
        const int n = 6;
        var circuit = new Circuit(n).Add(GateOp.H(0));
        for (int q = 1; q < n; q++)
        {
            circuit.Add(GateOp.Cx(q - 1, q));
        }
        var state = new SplitStateVector(n);
        state.Apply(circuit);
        double h = 1 / Math.Sqrt(2);
        for (int i = 0; i < state.Dimension; i++)
        {
            double expected = i is 0 or (1 << n) - 1 ? h : 0;
            Assert.Equal(expected, state.Real[i], 14);
            Assert.Equal(0, state.Imaginary[i], 14);
        }
        Assert.Equal(0, state.ExpectationZ(3), 14);
        Assert.Equal(0, state.ExpectationX(3), 14);
    }

    [Fact]
    public void Rotations_give_the_analytic_single_qubit_expectations()
    {
        // RX(t)|0>: <Z> = cos t, <Y> = -sin t.  RY(t)|0>: <Z> = cos t, <X> = sin t.
        var state = new SplitStateVector(3);
        state.Apply(GateOp.Rx(0, 0.9));
        state.Apply(GateOp.Ry(2, -1.7));
        Assert.Equal(Math.Cos(0.9), state.ExpectationZ(0), 14);
        Assert.Equal(-Math.Sin(0.9), state.ExpectationY(0), 14);
        Assert.Equal(Math.Cos(-1.7), state.ExpectationZ(2), 14);
        Assert.Equal(Math.Sin(-1.7), state.ExpectationX(2), 14);
        Assert.Equal(1, state.ExpectationZ(1), 14);
    }

    [Fact]
    public void Copies_round_trip_with_the_reference_state()
    {
        var reference = new StateVector(4);
        reference.Apply(new Circuit(4).Add(GateOp.H(1)).Add(GateOp.U(2, 0.3, 0.2, 0.1)).Add(GateOp.Crz(1, 3, 0.5)));
        var fast = new SplitStateVector(4);
        fast.CopyFrom(reference);
        var back = new StateVector(4);
        fast.CopyTo(back);
        Assert.Equal(reference.Amplitudes.ToArray(), back.Amplitudes.ToArray());
    }

    [Fact]
    public void Bad_qubit_indices_and_sizes_are_rejected_with_the_argument_name()
    {
        var state = new SplitStateVector(3);
        var e1 = Assert.ThrowsAny<ArgumentException>(() => state.Apply(GateOp.Ry(3, 0.1)));
        Assert.Contains("target qubit 3", e1.Message);
        var e2 = Assert.ThrowsAny<ArgumentException>(() => state.Apply(GateOp.Cry(-1, 0, 0.1)));
        Assert.Contains("control qubit -1", e2.Message);
        Assert.ThrowsAny<ArgumentException>(() => state.Apply(GateOp.Cx(1, 1)));
        var e3 = Assert.ThrowsAny<ArgumentException>(() => state.Apply(GateOp.Rz(0, double.NaN)));
        Assert.Contains("NaN", e3.Message);
        Assert.Equal("qubit", Assert.ThrowsAny<ArgumentException>(() => state.ExpectationX(5)).ParamName);
        Assert.Equal("target", Assert.ThrowsAny<ArgumentException>(() => state.ApplyMatrix(Matrix2.Identity, 3)).ParamName);
        Assert.Equal("circuit", Assert.Throws<ArgumentException>(() => state.Apply(new Circuit(4))).ParamName);
        Assert.Equal("z", Assert.Throws<ArgumentException>(() => state.ExpectationsZ(new double[2])).ParamName);
        Assert.Equal("qubitCount", Assert.ThrowsAny<ArgumentException>(() => new SplitStateVector(31)).ParamName);
    }
}
