using System.Globalization;
using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.Qasm;
using QGan.MLNet.Quantum.Sampling;
using QGan.MLNet.Quantum.State;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Quantum.Tests.Noise;
using QGan.MLNet.Tests.Shared.Quantum;

namespace QGan.MLNet.Quantum.Tests.Qasm;

public sealed class QasmExportTests
{
    public static TheoryData<int> Cases() => ReferenceCases.Indices();

    [Theory]
    [MemberData(nameof(Cases))]
    public void OpenQasm2_round_trip_reproduces_the_fixture(int index)
    {
        var c = ReferenceCases.Get(index);
        var program = TestQasmProgram.Parse(QasmExporter.ToOpenQasm2(c.Circuit));

        Assert.Equal(2, program.Version);
        AssertMeasuredIntoSameIndex(program, c.Circuit.QubitCount);
        AssertExpectations(c, program.Simulate());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OpenQasm3_round_trip_reproduces_the_fixture(int index)
    {
        var c = ReferenceCases.Get(index);
        var program = TestQasmProgram.Parse(QasmExporter.ToOpenQasm3(c.Circuit));

        Assert.Equal(3, program.Version);
        Assert.Empty(program.Inputs);
        AssertMeasuredIntoSameIndex(program, c.Circuit.QubitCount);
        AssertExpectations(c, program.Simulate());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parameterized_OpenQasm3_bound_to_the_parameter_values_reproduces_the_fixture(int index)
    {
        var c = ReferenceCases.Get(index);
        var text = QasmExporter.ToOpenQasm3(c.Circuit, new QasmExportOptions(ParameterizeAngles: true));
        var values = QasmExporter.ParameterValues(c.Circuit);
        var bindings = values.Select((v, k) => (Name: $"theta_{k}", v)).ToDictionary(p => p.Name, p => p.v);
        var program = TestQasmProgram.Parse(text, bindings);

        Assert.Equal(Enumerable.Range(0, values.Length).Select(k => $"theta_{k}"), program.Inputs);
        Assert.DoesNotContain(program.Gates, g => g.Angles.Length > 0 && text.Contains($"({QasmExporter.Angle(g.Angles[0])})", StringComparison.Ordinal));
        AssertExpectations(c, program.Simulate());
    }

    [Fact]
    public void Style_circuit_parameters_are_the_encoded_gate_angles_in_order()
    {
        var arch = new StyleArchitecture(3, 2, 3);
        var rng = new SeededRandom(8);
        var w = Enumerable.Range(0, arch.EncodedGateCount).Select(_ => rng.NextDouble(-Math.PI, Math.PI)).ToArray();
        var b = Enumerable.Range(0, arch.EncodedGateCount).Select(_ => rng.NextDouble(-Math.PI, Math.PI)).ToArray();
        double[] z = [0.3, -1.2, 0.8];
        var angles = new double[arch.EncodedGateCount];
        arch.Angles(w, b, z, angles);

        Assert.Equal(angles, QasmExporter.ParameterValues(arch.BuildCircuit(w, b, z)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void X_basis_variant_rotates_every_qubit_so_z_readout_gives_x(bool qasm3)
    {
        var c = ReferenceCases.Style(4);
        var options = new QasmExportOptions(QasmMeasurement.X);
        var program = TestQasmProgram.Parse(qasm3 ? QasmExporter.ToOpenQasm3(c.Circuit, options) : QasmExporter.ToOpenQasm2(c.Circuit, options));

        Assert.Equal(c.Circuit.Gates.Count + 4, program.Gates.Count);
        Assert.Equal([0, 1, 2, 3], program.Gates.TakeLast(4).Select(g => g.Gate == "h" ? g.Qubits[0] : -1));
        var psi = program.Simulate();
        for (int q = 0; q < 4; q++)
        {
            Assert.True(Math.Abs(c.X[q] - TestQasmProgram.ExpectZ(psi, q)) < 1e-10, $"qubit {q}");
        }
    }

    [Fact]
    public void U_gates_use_u3_in_qasm2_and_U_in_qasm3_with_the_same_matrix()
    {
        var circuit = new Circuit(2)
            .Add(GateOp.U(0, 1.1, -0.4, 2.3))
            .Add(GateOp.U(1, 0.3, 2.9, -1.7))
            .Add(GateOp.Cx(0, 1))
            .Add(GateOp.Y(0))
            .Add(GateOp.Z(1))
            .Add(GateOp.Crz(1, 0, 0.77))
            .Add(GateOp.Rx(1, -2.2));
        var state = new StateVector(2);
        state.Apply(circuit);
        var q2 = QasmExporter.ToOpenQasm2(circuit, new QasmExportOptions(QasmMeasurement.None));
        var q3 = QasmExporter.ToOpenQasm3(circuit, new QasmExportOptions(QasmMeasurement.None));

        Assert.Contains("u3(1.1, -0.4, 2.3) q[0];", q2);
        Assert.Contains("U(1.1, -0.4, 2.3) q[0];", q3);
        Assert.DoesNotContain("creg", q2);
        Assert.DoesNotContain("measure", q3);
        foreach (var text in new[] { q2, q3 })
        {
            var psi = TestQasmProgram.Parse(text).Simulate();
            for (int q = 0; q < 2; q++)
            {
                Assert.Equal(state.ExpectationZ(q), TestQasmProgram.ExpectZ(psi, q), 12);
                Assert.Equal(state.ExpectationX(q), TestQasmProgram.ExpectX(psi, q), 12);
            }
        }
    }

    [Fact]
    public void Small_circuit_exports_to_the_expected_text()
    {
        var circuit = new Circuit(2).Add(GateOp.Ry(0, 0.5)).Add(GateOp.Cry(0, 1, -1.25)).Add(GateOp.Rz(1, 2));
        Assert.Equal("""
            OPENQASM 2.0;
            include "qelib1.inc";
            qreg q[2];
            creg c[2];
            ry(0.5) q[0];
            cry(-1.25) q[0], q[1];
            rz(2.0) q[1];
            barrier q;
            measure q[0] -> c[0];
            measure q[1] -> c[1];

            """.ReplaceLineEndings("\n"), QasmExporter.ToOpenQasm2(circuit));
        Assert.Equal("""
            OPENQASM 3.0;
            // style circuit
            include "stdgates.inc";
            input float[64] t0;
            input float[64] t1;
            input float[64] t2;
            qubit[2] q;
            bit[2] c;
            ry(t0) q[0];
            cry(t1) q[0], q[1];
            rz(t2) q[1];
            barrier q;
            h q[0];
            h q[1];
            c[0] = measure q[0];
            c[1] = measure q[1];

            """.ReplaceLineEndings("\n"), QasmExporter.ToOpenQasm3(circuit, new QasmExportOptions(QasmMeasurement.X, true, "t", "style circuit")));
    }

    [Fact]
    public void Angles_round_trip_exactly_and_always_carry_a_decimal_point()
    {
        var rng = new SeededRandom(31);
        var values = new List<double> { 0, -0.0, 2, -3, 1e-5, 1e300, -2.5e-300, Math.PI, double.Epsilon, 1e15, 1e16, 123456789012345680 };
        for (int i = 0; i < 2000; i++)
        {
            values.Add((rng.NextDouble() - 0.5) * Math.Pow(10, rng.NextDouble() * 40 - 20));
        }
        foreach (var v in values)
        {
            var text = QasmExporter.Angle(v);
            Assert.Matches(@"^-?([0-9]+\.[0-9]*|[0-9]*\.[0-9]+)([eE][-+]?[0-9]+)?$", text);
            Assert.Equal(BitConverter.DoubleToInt64Bits(v), BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)));
        }
        Assert.Throws<ArgumentException>(() => QasmExporter.Angle(double.NaN));
    }

    [Fact]
    public void Unsupported_options_are_rejected()
    {
        var circuit = new Circuit(1).Add(GateOp.Rx(0, 1));
        Assert.Throws<NotSupportedException>(() => QasmExporter.ToOpenQasm2(circuit, new QasmExportOptions(ParameterizeAngles: true)));
        Assert.Throws<ArgumentException>(() => QasmExporter.ToOpenQasm3(circuit, new QasmExportOptions(ParameterizeAngles: true, ParameterPrefix: "1x")));
        Assert.Throws<ArgumentOutOfRangeException>(() => QasmExporter.ToOpenQasm3(circuit, new QasmExportOptions((QasmMeasurement)7)));
    }

    [Fact]
    public void Invalid_circuits_never_reach_the_exporter()
    {
        var circuit = new Circuit(2);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => circuit.Add(GateOp.Ry(0, double.NaN))).Message);
        Assert.Contains("out of range", Assert.Throws<ArgumentOutOfRangeException>(() => circuit.Add(GateOp.Cry(0, 2, 0.1))).Message);
        var arch = new StyleArchitecture(3, 1, 3);
        Assert.Contains("weights", Assert.Throws<ArgumentException>(() => arch.BuildCircuit(new double[5], new double[18], new double[3])).Message);
    }

    private static void AssertMeasuredIntoSameIndex(TestQasmProgram program, int n)
    {
        Assert.Equal(n, program.QubitCount);
        Assert.Equal(n, program.BitCount);
        Assert.Equal(Enumerable.Range(0, n).ToDictionary(i => i, i => i), program.Measurements);
        Assert.Equal(1, program.Barriers);
    }

    private static void AssertExpectations(ReferenceCase c, System.Numerics.Complex[] psi)
    {
        for (int q = 0; q < c.Z.Length; q++)
        {
            Assert.True(Math.Abs(c.Z[q] - TestQasmProgram.ExpectZ(psi, q)) < 1e-10, $"<Z_{q}>: {TestQasmProgram.ExpectZ(psi, q)} vs {c.Z[q]}");
            Assert.True(Math.Abs(c.X[q] - TestQasmProgram.ExpectX(psi, q)) < 1e-10, $"<X_{q}>: {TestQasmProgram.ExpectX(psi, q)} vs {c.X[q]}");
        }
    }
}
