using QGan.MLNet.Quantum.State;

namespace QGan.MLNet.Quantum.Tests.State;

/// <summary>The general simulators reproduce the independent "gates" fixtures (expectations and amplitudes) to 1e-10.</summary>
public sealed class ReferenceCircuitFixtureTests
{
    private const double Tolerance = 1e-10;

    public static TheoryData<int> GateCases() => ReferenceCircuits.Indices("gates");

    [Theory]
    [MemberData(nameof(GateCases))]
    public void Split_state_vector_matches_fixture_expectations(int caseIndex)
    {
        var c = ReferenceCircuits.Case(caseIndex);
        var circuit = ReferenceCircuits.BuildCircuit(c);
        var state = new SplitStateVector(circuit.QubitCount);
        state.Apply(circuit);

        var z = new double[circuit.QubitCount];
        state.ExpectationsZ(z);
        AssertClose(c.Doubles("z"), z, "z");
        AssertClose(c.Doubles("x"), Enumerable.Range(0, circuit.QubitCount).Select(state.ExpectationX).ToArray(), "x");
        AssertClose(c.Doubles("y"), Enumerable.Range(0, circuit.QubitCount).Select(state.ExpectationY).ToArray(), "y");
        Assert.Equal(1.0, state.NormSquared(), 12);
        if (c.TryGetProperty("amplitudes_re_im", out var amps))
        {
            int i = 0;
            foreach (var a in amps.EnumerateArray())
            {
                Assert.True(Math.Abs(a[0].GetDouble() - state.Real[i]) < Tolerance, $"Re amplitude {i}");
                Assert.True(Math.Abs(a[1].GetDouble() - state.Imaginary[i]) < Tolerance, $"Im amplitude {i}");
                i++;
            }
            Assert.Equal(state.Dimension, i);
        }
    }

    [Theory]
    [MemberData(nameof(GateCases))]
    public void Reference_state_vector_matches_fixture_gate_by_gate_and_as_a_circuit(int caseIndex)
    {
        var c = ReferenceCircuits.Case(caseIndex);
        var circuit = ReferenceCircuits.BuildCircuit(c);
        var gateByGate = new StateVector(circuit.QubitCount);
        foreach (var op in circuit.Gates)
        {
            gateByGate.Apply(op);
        }
        var whole = new StateVector(circuit.QubitCount);
        whole.Apply(circuit);

        foreach (var state in new[] { gateByGate, whole })
        {
            int n = state.QubitCount;
            AssertClose(c.Doubles("z"), Enumerable.Range(0, n).Select(state.ExpectationZ).ToArray(), "z");
            AssertClose(c.Doubles("x"), Enumerable.Range(0, n).Select(state.ExpectationX).ToArray(), "x");
            AssertClose(c.Doubles("y"), Enumerable.Range(0, n).Select(state.ExpectationY).ToArray(), "y");
            if (c.TryGetProperty("amplitudes_re_im", out var amps))
            {
                int i = 0;
                foreach (var a in amps.EnumerateArray())
                {
                    Assert.True(Math.Abs(a[0].GetDouble() - state.Amplitudes[i].Real) < Tolerance, $"Re amplitude {i}");
                    Assert.True(Math.Abs(a[1].GetDouble() - state.Amplitudes[i].Imaginary) < Tolerance, $"Im amplitude {i}");
                    i++;
                }
            }
        }
    }

    private static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < Tolerance, $"<{what}_{i}>: expected {expected[i]}, got {actual[i]}");
        }
    }
}
