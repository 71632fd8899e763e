using System.Numerics;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Density;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Quantum.Sampling;
using QGan.MLNet.Quantum.State;
using QGan.MLNet.Quantum.Tests.Noise;

namespace QGan.MLNet.Quantum.Tests.Density;

public sealed class DensityMatrixTests
{
    public static TheoryData<int> SmallCases()
    {
        var data = new TheoryData<int>();
        foreach (var c in ReferenceCases.All.Where(c => c.Circuit.QubitCount <= DensityMatrix.MaxQubits))
        {
            data.Add(c.Index);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SmallCases))]
    public void Noiseless_evolution_reproduces_the_fixture_expectations(int index)
    {
        var c = ReferenceCases.Get(index);
        var rho = new DensityMatrix(c.Circuit.QubitCount);
        rho.Apply(c.Circuit);

        for (int q = 0; q < c.Z.Length; q++)
        {
            Assert.Equal(c.Z[q], rho.ExpectationZ(q), 12);
            Assert.Equal(c.X[q], rho.ExpectationX(q), 12);
            if (c.Y is not null)
            {
                Assert.Equal(c.Y[q], rho.ExpectationY(q), 12);
            }
        }
        Assert.Equal(1, rho.Purity(), 12);
    }

    [Fact]
    public void Unitary_evolution_equals_the_outer_product_of_the_statevector()
    {
        var c = ReferenceCases.Style(4);
        var state = new StateVector(4);
        state.Apply(c.Circuit);
        var rho = new DensityMatrix(4);
        rho.Apply(c.Circuit);
        var expected = DensityMatrix.FromStateVector(state);
        for (int r = 0; r < 16; r++)
        {
            for (int col = 0; col < 16; col++)
            {
                Assert.True(Complex.Abs(expected[r, col] - rho[r, col]) < 1e-13, $"rho[{r},{col}] = {rho[r, col]}, expected {expected[r, col]}");
            }
        }
    }

    [Fact]
    public void Noisy_evolution_keeps_rho_hermitian_with_unit_trace()
    {
        var c = ReferenceCases.Style(4);
        var model = NoiseModel.Uniform(4, 30, 25, new ReadoutError(0.02, 0.03), 0.01, 50, 0.05, 300);
        var rho = DensityMatrixSimulator.Run(c.Circuit, model);

        Assert.True(Complex.Abs(rho.Trace() - 1) < 1e-12, $"trace {rho.Trace()}");
        Assert.True(rho.HermiticityError() < 1e-13, $"hermiticity error {rho.HermiticityError()}");
        Assert.InRange(rho.Purity(), 1.0 / 16, 0.99);
        foreach (var p in rho.Probabilities())
        {
            Assert.InRange(p, -1e-15, 1);
        }
    }

    [Fact]
    public void Amplitude_damping_of_one_decays_as_exp_minus_t_over_t1()
    {
        double t1 = 100, t2 = 70;
        foreach (double t in new[] { 0.0, 10, 100, 350 })
        {
            var rho = new DensityMatrix(1);
            rho.Apply(GateOp.X(0));
            rho.ApplyChannel(SingleQubitChannel.ThermalRelaxation(t1, t2, t), 0);
            Assert.Equal(Math.Exp(-t / t1), rho.Probabilities()[1], 14);

            var ad = new DensityMatrix(1);
            ad.Apply(GateOp.X(0));
            ad.ApplyChannel(SingleQubitChannel.AmplitudeDamping(1 - Math.Exp(-t / t1)), 0);
            Assert.Equal(Math.Exp(-t / t1), ad.Probabilities()[1], 14);
        }
    }

    [Fact]
    public void Coherence_of_plus_decays_as_exp_minus_t_over_t2()
    {
        double t1 = 100, t2 = 70, t = 33;
        var rho = new DensityMatrix(1);
        rho.Apply(GateOp.H(0));
        rho.ApplyChannel(SingleQubitChannel.ThermalRelaxation(t1, t2, t), 0);
        Assert.Equal(Math.Exp(-t / t2), rho.ExpectationX(0), 14);
        // Energy relaxation pulls the populations towards |0>: <Z> = 1 - e^{-t/T1}.
        Assert.Equal(1 - Math.Exp(-t / t1), rho.ExpectationZ(0), 14);
    }

    [Fact]
    public void Phase_damping_keeps_populations_and_shrinks_coherence()
    {
        var rho = new DensityMatrix(1);
        rho.Apply(GateOp.Ry(0, 1.1));
        rho.Apply(GateOp.Rz(0, 0.4));
        double z = rho.ExpectationZ(0), x = rho.ExpectationX(0), y = rho.ExpectationY(0);
        rho.ApplyChannel(SingleQubitChannel.PhaseDamping(0.36), 0);
        Assert.Equal(z, rho.ExpectationZ(0), 14);
        Assert.Equal(0.8 * x, rho.ExpectationX(0), 14);
        Assert.Equal(0.8 * y, rho.ExpectationY(0), 14);
    }

    [Fact]
    public void Full_depolarizing_gives_the_maximally_mixed_state()
    {
        var c = ReferenceCases.Style(3);
        var one = new DensityMatrix(3);
        one.Apply(c.Circuit);
        for (int q = 0; q < 3; q++)
        {
            one.ApplyChannel(SingleQubitChannel.Depolarizing(1), q);
        }
        AssertMaximallyMixed(one);

        var two = new DensityMatrix(2);
        two.Apply(GateOp.H(0));
        two.Apply(GateOp.Cx(0, 1));
        two.ApplyChannel(TwoQubitChannel.Depolarizing(1), 0, 1);
        AssertMaximallyMixed(two);
    }

    [Fact]
    public void Partial_depolarizing_shrinks_the_bloch_vector_by_one_minus_p()
    {
        var rho = new DensityMatrix(2);
        rho.Apply(GateOp.Ry(0, 0.7));
        rho.Apply(GateOp.Rx(1, -1.3));
        double z0 = rho.ExpectationZ(0), x1 = rho.ExpectationY(1);
        rho.ApplyChannel(SingleQubitChannel.Depolarizing(0.25), 0);
        rho.ApplyChannel(TwoQubitChannel.Depolarizing(0.1), 0, 1);
        Assert.Equal(0.75 * 0.9 * z0, rho.ExpectationZ(0), 14);
        Assert.Equal(0.9 * x1, rho.ExpectationY(1), 14);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DensityMatrix(DensityMatrix.MaxQubits + 1));
        var rho = new DensityMatrix(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => rho.Apply(GateOp.H(2)));
        Assert.Throws<ArgumentException>(() => rho.Apply(GateOp.Ry(0, double.NaN)));
        Assert.Throws<ArgumentException>(() => rho.ApplyChannel(TwoQubitChannel.Depolarizing(0.1), 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => rho.ApplyChannel(SingleQubitChannel.Depolarizing(0.1), -1));
        Assert.Throws<ArgumentException>(() => DensityMatrixSimulator.Run(new Circuit(3), NoiseModel.Ideal(2)));
    }

    private static void AssertMaximallyMixed(DensityMatrix rho)
    {
        double diag = 1.0 / rho.Dimension;
        for (int r = 0; r < rho.Dimension; r++)
        {
            for (int c = 0; c < rho.Dimension; c++)
            {
                Assert.True(Complex.Abs(rho[r, c] - (r == c ? diag : 0)) < 1e-14, $"rho[{r},{c}] = {rho[r, c]}");
            }
        }
        Assert.Equal(diag, rho.Purity(), 14);
    }
}
