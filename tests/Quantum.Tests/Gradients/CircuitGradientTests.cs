using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.Gradients;
using QGan.MLNet.Quantum.Observables;

namespace QGan.MLNet.Quantum.Tests.Gradients;

/// <summary>General-circuit gradients: adjoint, parameter shift and finite differences agree; analytic cases.</summary>
public sealed class CircuitGradientTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(5, 4)]
    public void Methods_agree_on_random_circuits_with_every_gate_kind(int n, int seed)
    {
        var rng = new Random(seed);
        var circuit = new Circuit(n);
        var kinds = Enum.GetValues<GateKind>().Where(k => n > 1 || !new GateOp(k, 0).IsControlled).ToArray();
        for (int i = 0; i < 30; i++)
        {
            var kind = kinds[rng.Next(kinds.Length)];
            int target = rng.Next(n);
            int control = new GateOp(kind, 0).IsControlled ? (target + 1 + rng.Next(n - 1)) % n : -1;
            circuit.Add(new GateOp(kind, target, control, rng.NextDouble() * 6 - 3, rng.NextDouble() * 6 - 3, rng.NextDouble() * 6 - 3));
        }
        var observable = new PauliObservable(Enumerable.Range(0, n).SelectMany(q => new[]
        {
            new PauliTerm(Pauli.Z, q, rng.NextDouble() * 2 - 1),
            new PauliTerm(Pauli.X, q, rng.NextDouble() * 2 - 1),
            new PauliTerm(Pauli.Y, q, rng.NextDouble() * 2 - 1),
        }));

        var adjoint = CircuitGradients.Adjoint(circuit, observable);
        var shift = CircuitGradients.ParameterShift(circuit, observable);
        var fd = CircuitGradients.FiniteDifference(circuit, observable);
        Assert.Equal(CircuitGradients.ParameterCount(circuit), adjoint.Length);
        GradientAssert.Close(shift, adjoint, 1e-10, 0, "adjoint vs parameter shift");
        GradientAssert.Close(fd, adjoint, 1e-9, 1e-6, "adjoint vs finite differences");
        Assert.True(adjoint.Max(Math.Abs) > 1e-3);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(-2.0)]
    public void Analytic_derivatives(double t)
    {
        // RY(t)|0>: <Z> = cos t. CRY(t) with the control in |+>: <X_control> = cos(t/2).
        var z0 = new PauliObservable([new PauliTerm(Pauli.Z, 0, 1)]);
        Assert.Equal(-Math.Sin(t), CircuitGradients.Adjoint(new Circuit(1).Add(GateOp.Ry(0, t)), z0)[0], 14);
        var x0 = new PauliObservable([new PauliTerm(Pauli.X, 0, 1)]);
        var cry = new Circuit(2).Add(GateOp.H(0)).Add(GateOp.Cry(0, 1, t));
        Assert.Equal(-Math.Sin(t / 2) / 2, CircuitGradients.Adjoint(cry, x0)[0], 14);
        Assert.Equal(Math.Cos(t / 2), CircuitGradients.Expectation(cry, x0), 14);
    }

    [Fact]
    public void Observable_errors_name_the_term()
    {
        var circuit = new Circuit(2).Add(GateOp.Rx(0, 0.1));
        var e = Assert.Throws<ArgumentException>(() => CircuitGradients.Adjoint(circuit, new PauliObservable([new PauliTerm(Pauli.Z, 2, 1)])));
        Assert.Contains("term 0: qubit 2 is out of range", e.Message);
        Assert.Equal("terms", Assert.Throws<ArgumentException>(() => new PauliObservable([new PauliTerm(Pauli.X, 0, double.NaN)])).ParamName);
        Assert.Equal("step", Assert.Throws<ArgumentOutOfRangeException>(() => CircuitGradients.FiniteDifference(circuit,
            new PauliObservable([new PauliTerm(Pauli.Z, 0, 1)]), 0)).ParamName);
    }
}
