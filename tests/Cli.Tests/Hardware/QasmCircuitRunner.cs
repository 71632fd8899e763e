using QGan.MLNet.Quantum.Sampling;
using QGan.MLNet.Quantum.State;
using QGan.MLNet.Tests.Shared.Quantum;

namespace QGan.MLNet.Cli.Tests.Hardware;

/// <summary>
/// Runs exported OpenQASM text like a device would: the independent test parser builds the state (H gates of an
/// X-basis file included), and the project's shot sampler measures every qubit c[i] = q[i].
/// </summary>
internal static class QasmCircuitRunner
{
    public static TestQasmProgram Parse(string file, IReadOnlyDictionary<string, double>? bindings = null) =>
        TestQasmProgram.Parse(File.ReadAllText(file), bindings);

    public static MeasurementCounts Shots(TestQasmProgram program, long shots, ulong seed)
    {
        Assert.Equal(program.QubitCount, program.Measurements.Count);
        Assert.All(program.Measurements, m => Assert.Equal(m.Key, m.Value));
        var state = new StateVector(program.QubitCount);
        program.Simulate().CopyTo(state.Amplitudes);
        return ShotEstimator.Sample(state, MeasurementBasis.Z, shots, seed);
    }

    /// <summary>&lt;Z_q&gt; of the program's final state for every qubit (for an X-basis file: &lt;X_q&gt; of the circuit before the H layer).</summary>
    public static double[] ExactZ(TestQasmProgram program)
    {
        var psi = program.Simulate();
        return Enumerable.Range(0, program.QubitCount).Select(q => TestQasmProgram.ExpectZ(psi, q)).ToArray();
    }
}
