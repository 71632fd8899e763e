using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.State;

namespace QGan.MLNet.Quantum.Tests.State;

/// <summary>The reference statevector: its whole-circuit fast path equals its gate-by-gate path; bad qubits are rejected.</summary>
public sealed class StateVectorTests
{
    [Fact]
    public void Whole_circuit_fast_path_equals_gate_by_gate_application()
    {
        const int n = StateVector.FastPathMinQubits + 1;
        var rng = new Random(4);
        var circuit = new Circuit(n);
        for (int i = 0; i < 40; i++)
        {
            int t = rng.Next(n), c = (t + 1 + rng.Next(n - 1)) % n;
            circuit.Add(i % 3 == 0 ? GateOp.Cry(c, t, rng.NextDouble() * 4 - 2) : GateOp.U(t, rng.NextDouble(), rng.NextDouble(), rng.NextDouble()));
        }
        var whole = new StateVector(n);
        whole.Amplitudes[0] = 0;
        whole.Amplitudes[5] = 1; // a non-default start state must survive the copies of the fast path
        var gateByGate = whole.Clone();
        whole.Apply(circuit);
        foreach (var op in circuit.Gates)
        {
            gateByGate.Apply(op);
        }
        for (int i = 0; i < whole.Dimension; i++)
        {
            Assert.True(System.Numerics.Complex.Abs(whole.Amplitudes[i] - gateByGate.Amplitudes[i]) < 1e-13, $"amplitude {i}");
        }
    }

    [Fact]
    public void Direct_matrix_application_rejects_bad_qubits()
    {
        var state = new StateVector(3);
        Assert.Equal("control", Assert.Throws<ArgumentException>(() => state.ApplyControlled(Matrix2.Identity, 1, 1)).ParamName);
        Assert.ThrowsAny<ArgumentException>(() => state.ApplyControlled(Matrix2.Identity, 3, 0));
        Assert.ThrowsAny<ArgumentException>(() => state.ApplySingle(Matrix2.Identity, -1));
    }
}
